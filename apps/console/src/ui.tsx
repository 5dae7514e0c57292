import { useId, type AnchorHTMLAttributes, type ReactNode } from 'react';
import { ApiProblem } from './api';
import { formatUsd, useI18n } from './i18n';
import { OidcError } from './oidc';
import { navigate } from './router';

/** A link to one of the console's screens, followed without reloading the page. */
export const Link = ({ to, children, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) => (
  <a
    href={to}
    {...rest}
    onClick={(event) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      navigate(to);
    }}
  >
    {children}
  </a>
);

/**
 * The problem+json answer of a refused request: its title and detail, and the messages about fields
 * the form does not show (those it shows appear next to the field, see {@link Field}).
 */
export const ProblemAlert = ({ error, shownFields = [] }: { error: unknown; shownFields?: string[] }) => {
  const { t } = useI18n();
  if (error === null || error === undefined) return null;
  if (error instanceof OidcError) {
    return (
      <div role="alert" className="problem">
        <strong className="problem-title">{error.title}</strong>
        {error.detail !== '' && <p className="problem-detail">{error.detail}</p>}
      </div>
    );
  }
  if (!(error instanceof ApiProblem)) {
    return (
      <div role="alert" className="problem">
        <strong>{t('errorTitle')}</strong>
        <p>{String(error)}</p>
      </div>
    );
  }
  const others = error.errors.filter((e) => !shownFields.includes(e.field));
  return (
    <div role="alert" className="problem" data-code={error.code}>
      <strong className="problem-title">{error.status === 0 ? t('networkError') : error.title}</strong>
      {error.detail !== '' && <p className="problem-detail">{error.detail}</p>}
      <p className="problem-code">
        <code>{error.code}</code>
      </p>
      {others.length > 0 && (
        <ul>
          {others.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              <code>{e.field}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
};

type FieldProps = {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: unknown;
  type?: string;
  placeholder?: string;
  options?: { value: string; label: string }[];
  required?: boolean;
};

/** A labelled input or select with the API's messages about this field (`errors[].field`) under it. */
export const Field = ({
  label,
  name,
  value,
  onChange,
  error,
  type = 'text',
  placeholder,
  options,
  required,
}: FieldProps) => {
  const id = useId();
  const messages = error instanceof ApiProblem ? error.fieldMessages(name) : [];
  const errorId = `${id}-error`;
  const common = {
    id,
    name,
    value,
    required,
    'aria-invalid': messages.length > 0 || undefined,
    'aria-describedby': messages.length > 0 ? errorId : undefined,
  };
  return (
    <div className={`field${messages.length > 0 ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {options === undefined ? (
        <input {...common} type={type} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <select {...common} onChange={(e) => onChange(e.target.value)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
      {messages.length > 0 && (
        <p id={errorId} className="field-error" data-field={name}>
          {messages.join(' ')}
        </p>
      )}
    </div>
  );
};

export const Loading = () => {
  const { t } = useI18n();
  return (
    <p role="status" className="loading">
      {t('loading')}
    </p>
  );
};

export const Money = ({ amount }: { amount: string | null | undefined }) => {
  const { lang } = useI18n();
  return <span className="money">{formatUsd(amount, lang)}</span>;
};

export const Page = ({ title, children }: { title: string; children: ReactNode }) => (
  <section aria-labelledby="page-title">
    <h1 id="page-title">{title}</h1>
    {children}
  </section>
);

/** A bar showing how far a long operation has gone. */
export const Progress = ({ label, value, max }: { label: string; value: number; max: number }) => (
  <div className="progress-row">
    <label>
      {label} ({value}/{max})
      <progress value={value} max={Math.max(max, 1)} />
    </label>
  </div>
);

/** One column of a {@link DataTable}: an amount (`money`, right-aligned) or any other `cell`. */
export type Column<Row> = { key: string; heading: ReactNode } & (
  | { money: (row: Row) => string | null | undefined }
  | { cell: (row: Row) => ReactNode }
);

const cellOf = <Row,>(column: Column<Row>, row: Row): ReactNode =>
  'money' in column ? <Money amount={column.money(row)} /> : column.cell(row);

type Paging = { page: number; pages: number; onPage: (page: number) => void };

/**
 * A table of records, the first column heading each row; with `paging`, the previous and next buttons
 * under it, labelled by the page they are on.
 */
export const DataTable = <Row,>({
  caption,
  columns,
  rows,
  rowKey,
  paging,
}: {
  caption: ReactNode;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  paging?: Paging;
}) => {
  const { t } = useI18n();
  const [first, ...rest] = columns;
  return (
    <>
      <table className="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column.key}>
                {column.heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {first !== undefined && <th scope="row">{cellOf(first, row)}</th>}
              {rest.map((column) =>
                'money' in column ? (
                  <td className="num" key={column.key}>
                    {cellOf(column, row)}
                  </td>
                ) : (
                  <td key={column.key}>{cellOf(column, row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {paging !== undefined && (
        <nav className="pager" aria-label={t('page', { page: paging.page, pages: paging.pages })}>
          <button type="button" disabled={paging.page <= 1} onClick={() => paging.onPage(paging.page - 1)}>
            {t('previous')}
          </button>
          <button
            type="button"
            disabled={paging.page >= paging.pages}
            onClick={() => paging.onPage(paging.page + 1)}
          >
            {t('next')}
          </button>
        </nav>
      )}
    </>
  );
};
