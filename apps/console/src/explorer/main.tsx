import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './explorer.css';
import { GraphiQL } from 'graphiql';
import { buildSchema } from 'graphql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import publishedSchema from '../../../api/schema.graphql?raw';
import { explorerFetcher } from './fetcher.js';
import { apiGuidePlugin } from './guide-plugin.js';

/**
 * The GraphQL explorer (GraphiQL) the API serves at /graphql to a browser (Accept: text/html): for partners, with
 * their API key in the Headers tab, and for office staff, with their console session. Everything is bundled here at
 * build time: no CDN, no inline script.
 *
 * The schema is the published one (apps/api/schema.graphql, the file partners are given), not introspection: in
 * production introspection is for staff only (docs/access.md), and partners still get completion and the docs.
 */
const schema = buildSchema(publishedSchema);

const DEFAULT_HEADERS = `{
  "Authorization": ""
}
`;

const DEFAULT_QUERY = `# The Peksos Registry's GraphQL API.
# The API guide (docs/api.md): the page icon on the left.
#
# Partners: your key in Headers below,
#   "Authorization": "Bearer pks_…"
# Signed in to the console in this browser?
# Leave it empty: your session is used.
#
# Run: Ctrl-Enter, or the play button.

query WhoAmI {
  me {
    kind
    label
    role
  }
}
`;

const root = document.getElementById('explorer');
if (!root) throw new Error('explorer.html has no #explorer element');
createRoot(root).render(
  <StrictMode>
    <GraphiQL
      fetcher={explorerFetcher}
      schema={schema}
      plugins={[apiGuidePlugin]}
      defaultQuery={DEFAULT_QUERY}
      defaultHeaders={DEFAULT_HEADERS}
      defaultEditorToolsVisibility="headers"
    >
      <GraphiQL.Logo>Registri Peksos</GraphiQL.Logo>
    </GraphiQL>
  </StrictMode>,
);
