import { useApolloClient } from '@apollo/client/react';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../../i18n/locale.js';
import { isImportKind, type FileFormat, type ImportKind } from '@peksos/types';
import { checkUploadable, describeTransferError, downloadFile, templatePath, uploadImport } from '../../../lib/transfer.js';
import { ImportPage, type CheckedFile } from '../components/ImportPage.js';

/** Import data from a spreadsheet: the kind lives in the URL (?kind=workers), the file and its report in memory. */
export function ImportView() {
  const { t, label, locale } = useI18n();
  const client = useApolloClient();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind: ImportKind = isImportKind(kindParam) ? kindParam : 'organisations';
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<CheckedFile | null>(null);
  const [failure, setFailure] = useState<{ error: unknown; phase: 'checking' | 'applying' } | null>(null);
  const [busy, setBusy] = useState<'checking' | 'applying' | null>(null);
  const [downloading, setDownloading] = useState<FileFormat | null>(null);
  // The request in flight: a new choice of kind or file cancels it, so no stale report shows up afterwards.
  const inFlight = useRef<AbortController | null>(null);

  useEffect(() => () => inFlight.current?.abort(), []);

  const forget = () => {
    inFlight.current?.abort();
    inFlight.current = null;
    setChecked(null);
    setFailure(null);
    setBusy(null);
  };

  const run = async (work: (signal: AbortSignal) => Promise<void>, phase: 'checking' | 'applying') => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setBusy(phase);
    setFailure(null);
    try {
      await work(controller.signal);
    } catch (error) {
      if (!controller.signal.aborted) setFailure({ error, phase });
    } finally {
      if (inFlight.current === controller) {
        inFlight.current = null;
        setBusy(null);
      }
    }
  };

  const check = () => {
    if (!file) return;
    void run(async (signal) => {
      setChecked(null);
      const report = await uploadImport(kind, file, { dryRun: true, signal });
      if (!signal.aborted) setChecked({ report, fileName: file.name });
    }, 'checking');
  };

  const apply = async () => {
    if (!file || !checked) return;
    const reviewed = checked.report;
    await run(async (signal) => {
      // The same file, applied only if it is exactly the one reviewed (the server compares its SHA-256).
      const report = await uploadImport(kind, file, { dryRun: false, expectedSha256: reviewed.sha256, signal });
      if (signal.aborted) return;
      setChecked({ report, fileName: file.name });
      if (report.applied) {
        // Lists and figures cached before the import are out of date: drop them, refetch what is on screen.
        await client.resetStore().catch(() => undefined);
      }
    }, 'applying');
  };

  const downloadTemplate = async (format: FileFormat) => {
    setDownloading(format);
    try {
      await downloadFile(templatePath(kind, format, locale), `templat-${kind}.${format}`);
    } catch (error) {
      const { key, values, detail } = describeTransferError(error);
      notifications.show({
        color: 'red',
        title: t('error.title'),
        message: detail ? `${t(key, values)} ${t('transfer.error.detail', { message: label(detail) })}` : t(key, values),
      });
    } finally {
      setDownloading(null);
    }
  };

  return (
    <ImportPage
      kind={kind}
      onKindChange={(next) => {
        if (next === kind) return;
        forget();
        setParams({ kind: next }, { replace: true });
      }}
      file={file}
      onFileChange={(next) => {
        forget();
        setFile(next);
        // Say at once when the file cannot be sent (too large, not CSV or XLSX), before any upload.
        const refused = next ? checkUploadable(next) : null;
        if (refused) setFailure({ error: refused, phase: 'checking' });
      }}
      onCheck={check}
      checking={busy === 'checking'}
      checked={checked}
      checkError={failure?.phase === 'checking' ? failure.error : null}
      applyError={failure?.phase === 'applying' ? failure.error : null}
      onDownloadTemplate={(format) => void downloadTemplate(format)}
      downloadingTemplate={downloading}
      onApply={apply}
      applying={busy === 'applying'}
      onStartOver={() => {
        forget();
        setFile(null);
      }}
    />
  );
}
