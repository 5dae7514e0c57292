import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { apiPostText } from '../api';
import { useI18n } from '../i18n';
import { Page, ProblemAlert } from '../ui';

type ImportAnswer = {
  imported: number;
  unchanged: number;
  rejected: { line: number; ref: string; code: string; reason: string }[];
};

/**
 * The clerk's import of the legacy MOU register: a CSV file picked here is sent as it is (text/csv), and
 * the answer is shown row by row: how many imported or unchanged, and each rejected line with why.
 */
export const RegisterImportScreen = () => {
  const { t } = useI18n();
  const client = useQueryClient();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: async (chosen: File) =>
      apiPostText<ImportAnswer>('/v1/imports/mou-register', 'text/csv', await chosen.text()),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['mous'] }),
  });
  const answer = upload.data;
  return (
    <Page title={t('registerImportTitle')}>
      <p>{t('registerImportIntro')}</p>
      <form
        className="card form"
        aria-labelledby="import-title"
        onSubmit={(event) => {
          event.preventDefault();
          if (file !== null) upload.mutate(file);
        }}
      >
        <h2 id="import-title">{t('registerImportFile')}</h2>
        <div className="field">
          <label htmlFor={inputId}>{t('csvFile')}</label>
          <input
            id={inputId}
            name="file"
            type="file"
            accept=".csv,text/csv"
            required
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <ProblemAlert error={upload.error} />
        {upload.isPending && (
          <p role="status">
            <progress aria-label={t('progress')} /> {t('loading')}
          </p>
        )}
        <button type="submit" disabled={upload.isPending || file === null}>
          {t('importRegister')}
        </button>
      </form>
      {answer !== undefined && (
        <section aria-labelledby="import-answer" className="card">
          <h2 id="import-answer">{t('importAnswer')}</h2>
          <p role="status" className="headline">
            {t('importCounts', {
              imported: answer.imported,
              unchanged: answer.unchanged,
              rejected: answer.rejected.length,
            })}
          </p>
          {answer.rejected.length > 0 && (
            <table className="data exceptions">
              <caption>{t('rejectedRows')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('line')}</th>
                  <th scope="col">{t('mouRef')}</th>
                  <th scope="col">{t('code')}</th>
                  <th scope="col">{t('reason')}</th>
                </tr>
              </thead>
              <tbody>
                {answer.rejected.map((row) => (
                  <tr key={`${row.line}:${row.code}`}>
                    <th scope="row">{row.line}</th>
                    <td>{row.ref === '' ? '—' : row.ref}</td>
                    <td>
                      <code>{row.code}</code>
                    </td>
                    <td>{row.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </Page>
  );
};
