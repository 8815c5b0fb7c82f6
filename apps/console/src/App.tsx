import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useState } from 'react';
import { BrowserRouter } from 'react-router';
import { LocaleProvider } from './i18n/locale.js';
import { createApolloClient } from './lib/apollo.js';
import { AppRoutes } from './routes.js';
import { theme } from './theme.js';

export function App() {
  const [client] = useState(() => createApolloClient());
  return (
    <ApolloProvider client={client}>
      <MantineProvider theme={theme}>
        <LocaleProvider>
          <Notifications position="top-right" />
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </LocaleProvider>
      </MantineProvider>
    </ApolloProvider>
  );
}
