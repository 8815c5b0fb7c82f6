import { MarkdownContent, type GraphiQLPlugin } from '@graphiql/react';
import apiGuide from '../../../../docs/api.md?raw';

/**
 * docs/api.md (signing in, conventions, errors, the headline queries), bundled at build time so the explorer works
 * offline. Links to other files of the repository are shown as their text: they have no address on this server.
 */
const guide = apiGuide.replace(/\[([^\]]+)\]\((?!https?:)[^)]+\)/g, '$1');

function GuideIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <path d="M4 4h10a4 4 0 0 1 4 4v12H8a4 4 0 0 1-4-4z" />
      <path d="M8 9h6M8 13h6" />
    </svg>
  );
}

function GuideContent() {
  return (
    <section aria-label="API guide" className="peksos-guide">
      <MarkdownContent type="description">{guide}</MarkdownContent>
    </section>
  );
}

/** A sidebar panel of the explorer with the API guide (docs/api.md). */
export const apiGuidePlugin: GraphiQLPlugin = {
  title: 'API guide (docs/api.md)',
  icon: GuideIcon,
  content: GuideContent,
};
