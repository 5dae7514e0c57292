import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { apiGet, withQuery } from '../api';
import { ChartFigure, PALETTE } from '../chart';
import { formatUsd, useI18n } from '../i18n';
import { DataTable, Field, Loading, Money, Page, ProblemAlert } from '../ui';

type Fund = {
  mission: string;
  status: string;
  received: string;
  paidToContributors: string;
  lent: string;
  borrowed: string;
  cash: string;
};
type CashPool = {
  asOf: string;
  funds: Fund[];
  pool: { cash: string };
  reserve: { amount: string } | null;
  outstandingPayables: string;
  nextRun: { availableAfterReserve: string; couldPay: string };
};

/** Each mission fund, the loans between them, the reserve, and what the next payment run could pay. */
export const CashPoolScreen = () => {
  const { t, lang } = useI18n();
  const [asOfInput, setAsOfInput] = useState('');
  const [asOf, setAsOf] = useState('');
  const pool = useQuery({
    queryKey: ['cash-pool', asOf],
    queryFn: () => apiGet<CashPool>(withQuery('/v1/reports/cash-pool', { asOf })),
  });
  const chart = useMemo(() => {
    const funds = pool.data?.funds ?? [];
    return {
      labels: funds.map((f) => f.mission),
      series: [
        { label: t('cash'), values: funds.map((f) => Number(f.cash)), color: PALETTE[0]! },
        { label: t('lent'), values: funds.map((f) => Number(f.lent)), color: PALETTE[4]! },
        { label: t('borrowed'), values: funds.map((f) => Number(f.borrowed)), color: PALETTE[2]! },
      ],
    };
  }, [pool.data, t]);
  return (
    <Page title={t('cashPoolTitle')}>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setAsOf(asOfInput);
        }}
      >
        <Field
          label={t('asOf')}
          name="asOf"
          type="date"
          value={asOfInput}
          onChange={setAsOfInput}
          error={pool.error}
        />
        <button type="submit">{t('show')}</button>
      </form>
      <ProblemAlert error={pool.error} shownFields={['asOf']} />
      {pool.isPending && <Loading />}
      {pool.data !== undefined && (
        <>
          <dl className="facts kpis">
            <dt>{t('poolCash')}</dt>
            <dd>
              <Money amount={pool.data.pool.cash} />
            </dd>
            <dt>{t('reserve')}</dt>
            <dd>
              <Money amount={pool.data.reserve?.amount ?? '0.00'} />
            </dd>
            <dt>{t('outstandingPayables')}</dt>
            <dd>
              <Money amount={pool.data.outstandingPayables} />
            </dd>
            <dt>{t('availableAfterReserve')}</dt>
            <dd>
              <Money amount={pool.data.nextRun.availableAfterReserve} />
            </dd>
            <dt>{t('nextRunCouldPay')}</dt>
            <dd>
              <Money amount={pool.data.nextRun.couldPay} />
            </dd>
          </dl>
          <ChartFigure
            title={t('cashChart')}
            labelHeading={t('fund')}
            labels={chart.labels}
            series={chart.series}
            format={(value) => formatUsd(value.toFixed(2), lang)}
          />
          <DataTable
            caption={
              <>
                {t('cashPoolTitle')} — {pool.data.asOf}
              </>
            }
            rows={pool.data.funds}
            rowKey={(f) => f.mission}
            columns={[
              { key: 'fund', heading: t('fund'), cell: (f) => f.mission },
              { key: 'status', heading: t('status'), cell: (f) => f.status },
              { key: 'received', heading: t('received'), money: (f) => f.received },
              {
                key: 'paidToContributors',
                heading: t('paidToContributors'),
                money: (f) => f.paidToContributors,
              },
              { key: 'lent', heading: t('lent'), money: (f) => f.lent },
              { key: 'borrowed', heading: t('borrowed'), money: (f) => f.borrowed },
              { key: 'cash', heading: t('cash'), money: (f) => f.cash },
            ]}
          />
        </>
      )}
    </Page>
  );
};
