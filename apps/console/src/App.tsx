import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { BrowserRouter } from 'react-router';
import { LocaleProvider, useI18n } from './i18n/locale.js';
import { createApolloClient } from './lib/apollo.js';
import { AppRoutes } from './routes.js';
import { createConsoleTheme, cssVariablesResolver, OVERLAY_ROOT } from './theme.js';

export function App() {
  const [client] = useState(() => createApolloClient());
  return (
    <ApolloProvider client={client}>
      <LocaleProvider>
        <Theme>
          <Notifications position="top-right" />
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </Theme>
      </LocaleProvider>
    </ApolloProvider>
  );
}

/** Mantine, with the texts it shows itself in the chosen language. */
function Theme({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const close = t('common.close');
  const overlaysLabel = t('app.overlays');
  const theme = useMemo(() => createConsoleTheme({ close }), [close]);
  useEffect(() => {
    document.querySelector(OVERLAY_ROOT)?.setAttribute('aria-label', overlaysLabel);
  }, [overlaysLabel]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      {children}
    </MantineProvider>
  );
}
