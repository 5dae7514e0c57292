import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

// Every string the console shows, in the Secretariat's two working languages. A key missing from
// one language is a type error (both objects are checked against the English keys).
const en = {
  appName: 'COE Ledger',
  skipToContent: 'Skip to content',
  language: 'Language',
  signOut: 'Sign out',
  signedInAs: 'Signed in as {sub} ({roles})',
  mainNav: 'Screens',
  loading: 'Loading…',
  noData: 'Nothing to show.',
  show: 'Show',
  apply: 'Apply',
  previous: 'Previous',
  next: 'Next',
  loadMore: 'Load more',
  page: 'Page {page} of {pages}',
  dataTable: 'Data table',
  optional: '(optional)',
  // sign-in
  signInTitle: 'Sign in',
  devSignInTitle: 'Development sign-in',
  devSignInNotice:
    'This is a development sign-in: the server signs a token with its development secret for the role you pick. It exists only when no identity provider or JWT secret is configured and never in production.',
  devSignInUnavailable:
    'No development sign-in on this server: it signs tokens with a configured key. Sign in through your identity provider.',
  role: 'Role',
  contributor: 'Contributor (ISO 3166-1 alpha-3)',
  signIn: 'Sign in',
  'role.mou-clerk': 'MOU clerk',
  'role.finance-officer': 'Finance officer',
  'role.auditor': 'Auditor',
  'role.contributor-representative': 'Contributor representative',
  'role.admin': 'Administrator',
  // screens
  'screen.payables': 'Payables',
  'screen.backlog': 'MOU backlog',
  'screen.mous': 'MOUs',
  'screen.cashPool': 'Cash pool',
  'screen.claims': 'Claims',
  'screen.claimRuns': 'Monthly claims run',
  'screen.audit': 'Event log',
  'screen.statement': 'Statement',
  home: 'Your work',
  homeIntro: 'Pick a screen. The screens shown are those your role may use.',
  notFound: 'No such screen.',
  // payables
  asOf: 'As of (business date)',
  payablesTitle: 'What is owed to contributors',
  payablesChart: 'Amount owed by contributor and age of the debt (USD)',
  owed: 'Owed',
  certified: 'Certified',
  paid: 'Paid',
  outstanding: 'Outstanding',
  credits: 'Credits',
  'aging.0-90': '0–90 days',
  'aging.91-180': '91–180 days',
  'aging.181-365': '181–365 days',
  'aging.over-365': 'Over 365 days',
  totalOwed: 'Total owed on {asOf}: {amount}',
  // backlog
  backlogTitle: 'MOUs awaiting signature, month by month',
  backlogChart: 'Units deployed and MOUs pending signature at each month end',
  from: 'From (month)',
  to: 'To (month)',
  mission: 'Mission',
  month: 'Month',
  deployedUnits: 'Units deployed',
  pendingSignature: 'Deployed, MOU not signed',
  pendingBeforeDeployment: 'In negotiation, unit not yet deployed',
  daysTitle: 'Days to signature by year',
  daysChart: 'Average and median days from deployment to signature, by year of signature',
  year: 'Year',
  signedCount: 'MOUs signed',
  averageDays: 'Average days',
  medianDays: 'Median days',
  maxDays: 'Longest (days)',
  // MOUs
  mousTitle: 'MOU pipeline',
  status: 'Status',
  anyStatus: 'Any status',
  'status.negotiating': 'Negotiating',
  'status.sent-to-permanent-mission': 'Sent to the Permanent Mission',
  'status.signed-by-contributor': 'Signed by the contributor',
  'status.signed-by-un': 'Signed by the UN',
  'status.in-force': 'In force',
  'status.withdrawn': 'Withdrawn',
  'status.closed': 'Closed',
  mouRef: 'Reference',
  unit: 'Unit',
  deployedOn: 'Deployed on',
  inForceOn: 'In force on',
  mouTimeline: 'History',
  mouVersion: 'Stream version {version}',
  annexVersion: 'Annex version',
  personnelCeiling: 'Personnel ceiling',
  signatures: 'Signatures',
  signedByUn: 'Signed by the UN on',
  signedByContributor: 'Signed by the contributor on',
  negotiationOpened: 'Negotiation opened on',
  amendments: 'Amendments',
  recordSignature: 'Record a signature',
  party: 'Party',
  'party.un': 'United Nations',
  'party.contributor': 'Contributor',
  signedOn: 'Signed on (business date)',
  record: 'Record',
  recorded: 'Recorded.',
  effectiveOn: 'Effective on',
  recordedAt: 'Recorded at',
  actor: 'Actor',
  type: 'Type',
  backToList: 'Back to the list',
  // cash pool
  cashPoolTitle: 'Cash pool',
  cashChart: 'Cash held by each mission fund (USD)',
  fund: 'Fund',
  received: 'Received',
  paidToContributors: 'Paid to contributors',
  lent: 'Lent',
  borrowed: 'Borrowed',
  cash: 'Cash',
  poolCash: 'Cash in the pool',
  reserve: 'Reserve',
  outstandingPayables: 'Outstanding payables',
  nextRunCouldPay: 'The next run could pay',
  availableAfterReserve: 'Available after the reserve',
  // claims
  claimsTitle: 'Claims',
  period: 'Period (YYYY-MM)',
  category: 'Category',
  amount: 'Amount',
  claimRef: 'Claim',
  claimTitle: 'Claim {ref}',
  origin: 'Origin',
  preparedOn: 'Prepared on',
  certifiedOn: 'Certified on',
  certifiedBy: 'Certified by',
  lines: 'Lines',
  noLines: 'This claim has no computed lines (it was imported as certified).',
  sources: 'Sources',
  basis: 'Basis',
  // claim runs
  claimRunsTitle: 'Monthly claims run',
  proposeRun: 'Run the month',
  runPeriod: 'Month served (YYYY-MM)',
  runPreparedOn: 'Prepared on (business date)',
  runStarted: 'Run started.',
  runs: 'Runs',
  units: 'Units',
  processed: 'Processed',
  prepared: 'Claims prepared',
  alreadyClaimed: 'Already claimed',
  notClaimed: 'Not claimed',
  exceptions: 'Exceptions',
  noExceptions: 'No exceptions.',
  reason: 'Reason',
  code: 'Code',
  progress: 'Progress',
  allMissions: 'All missions',
  // audit
  auditTitle: 'Event log',
  stream: 'Stream',
  recordedFrom: 'Recorded from',
  recordedTo: 'Recorded to',
  effectiveFrom: 'Effective from',
  effectiveTo: 'Effective to',
  hash: 'Hash',
  service: 'Service',
  // statement
  statementTitle: 'Statement of {contributor}',
  byMission: 'By mission',
  byCategory: 'By category',
  'category.personnel': 'Personnel',
  'category.major_equipment': 'Major equipment',
  'category.self_sustainment': 'Self-sustainment',
  'claimStatus.prepared': 'Prepared',
  'claimStatus.certified': 'Certified',
  // errors
  errorTitle: 'The server refused the request',
  networkError: 'The server could not be reached.',
};

export type MessageKey = keyof typeof en;

const fr: Record<MessageKey, string> = {
  appName: 'COE Ledger',
  skipToContent: 'Aller au contenu',
  language: 'Langue',
  signOut: 'Se déconnecter',
  signedInAs: 'Connecté en tant que {sub} ({roles})',
  mainNav: 'Écrans',
  loading: 'Chargement…',
  noData: 'Rien à afficher.',
  show: 'Afficher',
  apply: 'Appliquer',
  previous: 'Précédent',
  next: 'Suivant',
  loadMore: 'Afficher plus',
  page: 'Page {page} sur {pages}',
  dataTable: 'Tableau des données',
  optional: '(facultatif)',
  signInTitle: 'Connexion',
  devSignInTitle: 'Connexion de développement',
  devSignInNotice:
    "Ceci est une connexion de développement : le serveur signe un jeton avec son secret de développement pour le rôle choisi. Elle n'existe que si aucun fournisseur d'identité ni secret JWT n'est configuré, et jamais en production.",
  devSignInUnavailable:
    "Pas de connexion de développement sur ce serveur : il signe les jetons avec une clé configurée. Connectez-vous par votre fournisseur d'identité.",
  role: 'Rôle',
  contributor: 'Pays contributeur (ISO 3166-1 alpha-3)',
  signIn: 'Se connecter',
  'role.mou-clerk': 'Commis aux mémorandums',
  'role.finance-officer': 'Fonctionnaire des finances',
  'role.auditor': 'Auditeur',
  'role.contributor-representative': 'Représentant du pays contributeur',
  'role.admin': 'Administrateur',
  'screen.payables': 'Sommes dues',
  'screen.backlog': 'Mémorandums en attente',
  'screen.mous': "Mémorandums d'accord",
  'screen.cashPool': 'Trésorerie commune',
  'screen.claims': 'Demandes de remboursement',
  'screen.claimRuns': 'Traitement mensuel des demandes',
  'screen.audit': 'Journal des événements',
  'screen.statement': 'Relevé',
  home: 'Votre travail',
  homeIntro: 'Choisissez un écran. Seuls les écrans permis à votre rôle sont affichés.',
  notFound: 'Écran inconnu.',
  asOf: 'À la date (date de gestion)',
  payablesTitle: 'Sommes dues aux pays contributeurs',
  payablesChart: 'Montant dû par pays contributeur et ancienneté de la dette (USD)',
  owed: 'Dû',
  certified: 'Certifié',
  paid: 'Payé',
  outstanding: 'Restant dû',
  credits: 'Crédits',
  'aging.0-90': '0 à 90 jours',
  'aging.91-180': '91 à 180 jours',
  'aging.181-365': '181 à 365 jours',
  'aging.over-365': 'Plus de 365 jours',
  totalOwed: 'Total dû au {asOf} : {amount}',
  backlogTitle: 'Mémorandums en attente de signature, mois par mois',
  backlogChart: 'Unités déployées et mémorandums en attente de signature en fin de mois',
  from: 'Du (mois)',
  to: 'Au (mois)',
  mission: 'Mission',
  month: 'Mois',
  deployedUnits: 'Unités déployées',
  pendingSignature: 'Déployées, mémorandum non signé',
  pendingBeforeDeployment: 'En négociation, unité pas encore déployée',
  daysTitle: 'Jours avant signature, par année',
  daysChart: 'Nombre moyen et médian de jours entre le déploiement et la signature, par année de signature',
  year: 'Année',
  signedCount: 'Mémorandums signés',
  averageDays: 'Jours en moyenne',
  medianDays: 'Jours (médiane)',
  maxDays: 'Le plus long (jours)',
  mousTitle: 'Mémorandums en cours',
  status: 'Statut',
  anyStatus: 'Tous les statuts',
  'status.negotiating': 'En négociation',
  'status.sent-to-permanent-mission': 'Envoyé à la Mission permanente',
  'status.signed-by-contributor': 'Signé par le pays contributeur',
  'status.signed-by-un': "Signé par l'ONU",
  'status.in-force': 'En vigueur',
  'status.withdrawn': 'Retiré',
  'status.closed': 'Clos',
  mouRef: 'Référence',
  unit: 'Unité',
  deployedOn: 'Déployée le',
  inForceOn: 'En vigueur le',
  mouTimeline: 'Historique',
  mouVersion: 'Version du flux {version}',
  annexVersion: 'Version des annexes',
  personnelCeiling: 'Plafond de personnel',
  signatures: 'Signatures',
  signedByUn: "Signé par l'ONU le",
  signedByContributor: 'Signé par le pays contributeur le',
  negotiationOpened: 'Négociation ouverte le',
  amendments: 'Amendements',
  recordSignature: 'Enregistrer une signature',
  party: 'Partie',
  'party.un': 'Organisation des Nations Unies',
  'party.contributor': 'Pays contributeur',
  signedOn: 'Signé le (date de gestion)',
  record: 'Enregistrer',
  recorded: 'Enregistré.',
  effectiveOn: "Date d'effet",
  recordedAt: 'Enregistré le',
  actor: 'Acteur',
  type: 'Type',
  backToList: 'Retour à la liste',
  cashPoolTitle: 'Trésorerie commune',
  cashChart: 'Trésorerie de chaque fonds de mission (USD)',
  fund: 'Fonds',
  received: 'Reçu',
  paidToContributors: 'Payé aux pays contributeurs',
  lent: 'Prêté',
  borrowed: 'Emprunté',
  cash: 'Trésorerie',
  poolCash: 'Trésorerie commune',
  reserve: 'Réserve',
  outstandingPayables: 'Sommes restant dues',
  nextRunCouldPay: 'Le prochain paiement pourrait verser',
  availableAfterReserve: 'Disponible après la réserve',
  claimsTitle: 'Demandes de remboursement',
  period: 'Période (AAAA-MM)',
  category: 'Catégorie',
  amount: 'Montant',
  claimRef: 'Demande',
  claimTitle: 'Demande {ref}',
  origin: 'Origine',
  preparedOn: 'Préparée le',
  certifiedOn: 'Certifiée le',
  certifiedBy: 'Certifiée par',
  lines: 'Lignes',
  noLines: "Cette demande n'a pas de lignes calculées (elle a été importée déjà certifiée).",
  sources: 'Sources',
  basis: 'Base de calcul',
  claimRunsTitle: 'Traitement mensuel des demandes',
  proposeRun: 'Traiter le mois',
  runPeriod: 'Mois traité (AAAA-MM)',
  runPreparedOn: 'Préparé le (date de gestion)',
  runStarted: 'Traitement lancé.',
  runs: 'Traitements',
  units: 'Unités',
  processed: 'Traitées',
  prepared: 'Demandes préparées',
  alreadyClaimed: 'Déjà demandées',
  notClaimed: 'Non demandées',
  exceptions: 'Exceptions',
  noExceptions: 'Aucune exception.',
  reason: 'Motif',
  code: 'Code',
  progress: 'Avancement',
  allMissions: 'Toutes les missions',
  auditTitle: 'Journal des événements',
  stream: 'Flux',
  recordedFrom: 'Enregistré à partir du',
  recordedTo: "Enregistré jusqu'au",
  effectiveFrom: 'Effet à partir du',
  effectiveTo: "Effet jusqu'au",
  hash: 'Empreinte',
  service: 'Service',
  statementTitle: 'Relevé de {contributor}',
  byMission: 'Par mission',
  byCategory: 'Par catégorie',
  'category.personnel': 'Personnel',
  'category.major_equipment': 'Matériel majeur',
  'category.self_sustainment': 'Soutien autonome',
  'claimStatus.prepared': 'Préparée',
  'claimStatus.certified': 'Certifiée',
  errorTitle: 'Le serveur a refusé la demande',
  networkError: 'Le serveur est injoignable.',
};

export type Lang = 'en' | 'fr';
export const LANGS: readonly Lang[] = ['en', 'fr'];
const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, fr };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The translation of `prefix.value` when the dictionary has one (a code the API may extend), else the value. */
export const translateCode = (t: Translate, prefix: string, value: string): string => {
  const key = `${prefix}.${value}`;
  return key in en ? t(key as MessageKey) : value;
};

export const translate =
  (lang: Lang): Translate =>
  (key, params) =>
    (dictionaries[lang][key] ?? key).replace(/\{(\w+)\}/g, (_m, name: string) =>
      String(params?.[name] ?? `{${name}}`),
    );

type I18n = { lang: Lang; setLang: (lang: Lang) => void; t: Translate };
const I18nContext = createContext<I18n>({ lang: 'en', setLang: () => undefined, t: translate('en') });

const initialLang = (): Lang => {
  const saved = localStorage.getItem('coe.lang');
  if (saved === 'en' || saved === 'fr') return saved;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
};

export const I18nProvider = ({ children }: { children: ReactNode }) => {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem('coe.lang', lang);
  }, [lang]);
  return (
    <I18nContext.Provider value={{ lang, setLang: setLangState, t: translate(lang) }}>
      {children}
    </I18nContext.Provider>
  );
};

export const useI18n = (): I18n => useContext(I18nContext);

/** A decimal string of USD ("1234567.80") written for the language, without going through a float. */
export const formatUsd = (amount: string | null | undefined, lang: Lang): string => {
  if (amount === null || amount === undefined) return '—';
  const negative = amount.startsWith('-');
  const [whole = '0', cents = '00'] = (negative ? amount.slice(1) : amount).split('.');
  const group = lang === 'fr' ? '\u202f' : ',';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const text = lang === 'fr' ? `${grouped},${cents.padEnd(2, '0')} $` : `$${grouped}.${cents.padEnd(2, '0')}`;
  return negative ? `−${text}` : text;
};

export const formatNumber = (value: number, lang: Lang): string =>
  new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', { maximumFractionDigits: 2 }).format(value);
