import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconClockHour4, IconInfoCircle, IconLanguage, IconLogin } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useI18n } from '../../../i18n/locale.js';
import { errorMessage, parseError } from '../../../lib/errors.js';
import { SignInMutation } from '../graphql/mutations.js';
import { MeQuery } from '../graphql/queries.js';
import { safeReturnPath, useErrorWords } from '../lib/access.js';

type Problem = { kind: 'wrong' } | { kind: 'wait'; until: number } | { kind: 'other'; text: string };

/** Seconds left until a time, counting down once a second; 0 once it has passed. */
function useSecondsUntil(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

/** The sign-in page (/masuk): username and password; then back to the page that sent the person here. */
export function SignInView() {
  const { t, locale, setLocale } = useI18n();
  const errorWords = useErrorWords();
  const navigate = useNavigate();
  const client = useApolloClient();
  const [params] = useSearchParams();
  const next = safeReturnPath(params.get('next'));
  const reason = params.get('reason');
  const me = useQuery(MeQuery, { fetchPolicy: 'network-only' });
  const [signIn] = useMutation(SignInMutation);
  const [problem, setProblem] = useState<Problem | null>(null);
  const waitSeconds = useSecondsUntil(problem?.kind === 'wait' ? problem.until : null);
  const waiting = problem?.kind === 'wait' && waitSeconds > 0;
  const form = useForm({
    initialValues: { username: '', password: '' },
    validate: {
      username: (value) => (value.trim() ? null : t('common.required')),
      password: (value) => (value ? null : t('common.required')),
    },
  });
  const signedInAs = me.data?.me.account;

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      await signIn({ variables: { username: values.username.trim(), password: values.password } });
      // Nothing read before (as nobody, or as someone else) may show through.
      await client.clearStore();
      void navigate(next, { replace: true });
    } catch (error) {
      const parsed = parseError(error, errorWords);
      form.setFieldValue('password', '');
      if (parsed.kind === 'tooManyRequests') {
        setProblem({ kind: 'wait', until: Date.now() + (parsed.retryAfterSeconds ?? 60) * 1000 });
      } else if (parsed.kind === 'unauthenticated') {
        setProblem({ kind: 'wrong' });
      } else {
        const { key, values: messageValues } = errorMessage(parsed);
        setProblem({ kind: 'other', text: t(key, messageValues) });
      }
    }
  });

  return (
    <Box mih="100vh" bg="gray.0" py={{ base: 'md', sm: 80 }} px="md">
      <Group justify="flex-end" maw={440} mx="auto" mb="sm">
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconLanguage size={16} />}
          onClick={() => setLocale(locale === 'id' ? 'en' : 'id')}
          lang={locale === 'id' ? 'en' : 'id'}
          data-testid="locale-switch"
        >
          {t('locale.switchTo')}
        </Button>
      </Group>
      <Center>
        <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={440} component="main">
          <Stack gap="md">
            <Stack gap={2}>
              <Text fw={700} size="lg" c="teal.8">
                {t('app.name')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('app.subtitle')}
              </Text>
            </Stack>
            <Title order={1} size="h2">
              {t('auth.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('auth.lead')}
            </Text>
            {reason === 'expired' && !problem && (
              <Alert color="blue" icon={<IconInfoCircle size={18} />} data-testid="sign-in-notice">
                {t('auth.expired')}
              </Alert>
            )}
            {reason === 'signedOut' && !problem && (
              <Alert color="teal" icon={<IconInfoCircle size={18} />} data-testid="sign-in-notice">
                {t('auth.signedOut')}
              </Alert>
            )}
            {signedInAs && !problem && (
              <Alert color="gray" icon={<IconInfoCircle size={18} />}>
                {t('auth.alreadySignedIn', { name: signedInAs.displayName })}{' '}
                <Anchor component={Link} to={next} inherit>
                  {t('auth.continue')}
                </Anchor>
              </Alert>
            )}
            <form noValidate onSubmit={submit}>
              <Stack gap="sm">
                <TextInput
                  label={t('auth.username')}
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  required
                  data-autofocus
                  autoFocus
                  {...form.getInputProps('username')}
                />
                <PasswordInput label={t('auth.password')} autoComplete="current-password" required {...form.getInputProps('password')} />
                {problem && (problem.kind !== 'wait' || waiting) && (
                  <Alert
                    color={problem.kind === 'wait' ? 'orange' : 'red'}
                    icon={problem.kind === 'wait' ? <IconClockHour4 size={18} /> : <IconAlertTriangle size={18} />}
                    role="alert"
                    data-testid="sign-in-error"
                  >
                    {problem.kind === 'wrong'
                      ? t('auth.wrong')
                      : problem.kind === 'wait'
                        ? t('auth.tooMany', { seconds: waitSeconds })
                        : problem.text}
                  </Alert>
                )}
                <Button type="submit" leftSection={<IconLogin size={18} />} loading={form.submitting} disabled={waiting} fullWidth mt="xs">
                  {t('auth.submit')}
                </Button>
              </Stack>
            </form>
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
