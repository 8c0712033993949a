// Attimo Insights: the browser app of issue 12. Plain ES module, no build; charts by Apache ECharts (served from the
// jar as app/echarts.min.js). Every view reads a JSON route and links the same route with format=csv.
'use strict';

const META = (name) => document.querySelector(`meta[name="${name}"]`)?.content || '';
const API_BASE = META('attimo-api-base'); // empty: call the routes directly (attimo serve); else /app/api?path=...
const LOGIN_URL = META('attimo-login-url');
const TOKEN = (() => {
  const fromUrl = new URLSearchParams(location.search).get('access_token');
  if (fromUrl) sessionStorage.setItem('attimo.token', fromUrl);
  return fromUrl || sessionStorage.getItem('attimo.token') || '';
})();

// ------------------------------------------------------------------ i18n
const TEXT = {
  it: {
    subtitle: 'Insights', skip: 'Vai al contenuto', sections: 'Sezioni',
    'nav.overview': 'Panoramica', 'nav.heatmap': 'Heatmap', 'nav.journeys': 'Percorsi', 'nav.customer': 'Cliente',
    'nav.experiments': 'Esperimenti', 'nav.base': 'Base clienti', 'nav.touchpoints': 'Punti di contatto', 'nav.alerts': 'Avvisi',
    'overview.title': 'Panoramica', 'overview.lead': 'Gli indicatori dei seed: onboarding, post-acquisto e tempismo. Passa sopra una scheda (o selezionala) per la definizione.',
    'group.onboarding': 'Onboarding', 'group.post-purchase': 'Post-acquisto', 'group.timing': 'Tempismo',
    'f.from': 'Dal', 'f.to': 'Al', 'f.segment': 'Segmento', 'f.area': 'Macro-area', 'f.cluster': 'Cluster',
    'f.metric': 'Metrica', 'f.all': 'Tutti', 'f.apply': 'Aggiorna', 'f.journey': 'Percorso', 'f.status': 'Stato',
    'f.allAreas': 'Tutte', 'csv': 'Scarica CSV', 'period': 'Periodo', 'sample': 'campione', 'nodata': 'nessun dato',
    'heatmap.title': 'Heatmap ora × giorno', 'heatmap.lead': 'Invii, aperture e clic per ora e giorno della settimana, ora di Roma (Europe/Rome).',
    'm.sends': 'Invii', 'm.opens': 'Aperture', 'm.clicks': 'Clic', 'total': 'Totale', 'max': 'Massimo',
    'days': ['Lun', 'Mar', 'Mer', 'Gio', 'Ven', 'Sab', 'Dom'],
    'journeys.title': 'Percorsi', 'journeys.lead': 'Ogni percorso disegnato dal suo file ASL: stati, transizioni, conteggi, tempi e dove i clienti si fermano. Clicca uno stato per vedere chi c\'è.',
    'j.journey': 'Percorso', 'j.trigger': 'Evento di avvio', 'j.states': 'Stati', 'j.running': 'In corso',
    'j.completed': 'Completati', 'j.failed': 'Falliti', 'j.open': 'Apri', 'j.map': 'Mappa del percorso',
    's.name': 'Stato', 's.type': 'Tipo', 's.waiting': 'In attesa ora', 's.entered': 'Entrati', 's.completed': 'Completati',
    's.exitedEarly': 'Usciti prima', 's.failed': 'Falliti', 's.median': 'Mediana', 's.p90': 'P90',
    's.milestone': 'Traguardo', 's.mot': 'Momento della verità', 'dropoff': 'Abbandono tra traguardi',
    'd.from': 'Da', 'd.to': 'A', 'd.entered': 'Entrati', 'd.reached': 'Arrivati', 'd.rate': 'Abbandono',
    'inState': 'Clienti nello stato', 'c.id': 'Cliente', 'c.execution': 'Esecuzione', 'c.tier': 'Fascia', 'c.since': 'Dal',
    'legend.mot': '★ momento della verità', 'legend.milestone': '◆ traguardo',
    'customer.title': 'Cliente', 'customer.lead': 'Dove si trova un cliente ora, il prossimo invio e perché, la cronologia, il punteggio e i consensi.',
    'customer.id': 'Id cliente', 'customer.search': 'Cerca', 'customer.ask': 'Scrivi l\'id di un cliente (es. c-00001).',
    'cu.segment': 'Segmento', 'cu.area': 'Macro-area', 'cu.tier': 'Fascia', 'cu.score': 'Punteggio',
    'cu.journeys': 'Percorsi', 'cu.state': 'Stato', 'cu.status': 'Esito', 'cu.next': 'Prossimo invio',
    'cu.why': 'Perché', 'cu.timeline': 'Cronologia', 'cu.breakdown': 'Composizione del punteggio',
    'cu.consents': 'Consensi', 'cu.channel': 'Canale', 'cu.granted': 'Concesso', 'cu.source': 'Fonte',
    'cu.churn': 'Rischio di abbandono', 'cu.rule': 'Regola', 'cu.model': 'Modello', 'cu.none': 'nessuno',
    'yes': 'sì', 'no': 'no',
    'experiments.title': 'Esperimenti', 'experiments.lead': 'I test A/B sui tempi e sulle varianti dei touchpoint: bracci, tassi, lift, p-value e decisione.',
    'e.arm': 'Braccio', 'e.assigned': 'Assegnati', 'e.converted': 'Convertiti', 'e.rate': 'Tasso',
    'e.lift': 'Lift', 'e.p': 'p-value', 'e.status': 'Stato', 'e.winner': 'Vincitore', 'e.metric': 'Metrica',
    'e.count': 'esperimenti', 'e.decision': 'Decisione',
    'st.running': 'in corso', 'st.winner-declared': 'vincitore dichiarato', 'st.no-difference': 'nessuna differenza',
    'base.title': 'Base clienti', 'base.lead': 'RFM per clienti b2c e aziende b2b, cluster descritti a parole, P(alive) e acquisti attesi (BG/NBD), modello di abbandono.',
    'rfm': 'Segmenti RFM', 'rfm.b2c': 'Clienti b2c', 'rfm.b2b': 'Aziende b2b', 'rfm.rows': 'righe',
    'clusters': 'Cluster', 'cl.size': 'Clienti', 'cl.share': 'Quota', 'cl.label': 'Nome', 'cl.description': 'Descrizione',
    'cl.k': 'k scelto per silhouette', 'clv': 'P(alive) e acquisti attesi (BG/NBD)', 'clv.meanPAlive': 'P(alive) media',
    'clv.expected': 'Acquisti attesi', 'clv.horizon': 'settimane', 'clv.customers': 'Clienti stimati',
    'churn': 'Modello di abbandono', 'ch.auc': 'AUC', 'ch.brier': 'Brier', 'ch.status': 'Stato',
    'ch.horizon': 'Orizzonte (giorni)', 'ch.test': 'Righe di verifica', 'count': 'Numero',
    'touchpoints.title': 'Punti di contatto', 'touchpoints.lead': 'L\'inventario dei punti di contatto (touchpoints.json), sorvegliato: eventi nel periodo, ultimo evento (ora di Roma), clienti raggiunti, conversione al traguardo successivo, e un avviso quando uno tace o il suo output non è gestito.',
    'tp.touchpoint': 'Punto di contatto', 'tp.kind': 'Tipo', 'tp.owner': 'Responsabile', 'tp.output': 'Dove va l\'output',
    'tp.sources': 'Sorgenti', 'tp.events': 'Eventi', 'tp.last': 'Ultimo evento', 'tp.reached': 'Clienti raggiunti',
    'tp.conversion': 'Conversione al traguardo', 'tp.status': 'Stato', 'tp.never': 'mai', 'tp.count': 'punti di contatto',
    'tp.withAlerts': 'con avvisi', 'tp.events.total': 'eventi', 'tp.chart': 'Eventi per punto di contatto nel periodo',
    'tp.empty': 'Il registro (touchpoints.json) non elenca alcun punto di contatto.',
    'tp.noEvents': 'Nessun evento dai punti di contatto in questo periodo: controlli che gli eventi arrivino con le sorgenti (source) del registro.',
    'tp.ok': 'ok', 'tp.silent': 'silenzioso', 'tp.unhandled': 'output non gestito', 'tp.alert': 'con avviso',
    'tp.silentNever': 'Nessun evento mai ricevuto (soglia: {d}).', 'tp.silentSince': 'Nessun evento dal {at} (soglia: {d}).',
    'tp.unhandledWhy': '{n} × {request} senza {handled} entro {d}; la più vecchia: {at}.',
    'tp.requests': 'richieste', 'tp.noMilestone': 'nessun traguardo',
    'kind.email': 'e-mail', 'kind.whatsapp': 'WhatsApp', 'kind.chatbot': 'chatbot', 'kind.form': 'modulo', 'kind.landing-page': 'landing page',
    'kind.app': 'app', 'kind.web-app': 'web app', 'kind.qr': 'codice QR', 'kind.wifi': 'Wi-Fi', 'kind.kiosk': 'totem',
    'kind.survey': 'sondaggio', 'kind.phone': 'telefono', 'kind.social': 'social', 'kind.website': 'sito web',
    'alerts.title': 'Avvisi', 'alerts.lead': 'Aperture fuori dal modello oltre 2σ, abbandoni raddoppiati sulla settimana, code di errore non vuote, punti di contatto silenziosi o con output non gestito (all\'ultimo calcolo giornaliero).',
    'a.kind': 'Tipo', 'a.severity': 'Gravità', 'a.message': 'Messaggio', 'a.at': 'Rilevato', 'a.details': 'Dettagli',
    'a.none': 'Nessun avviso.', 'k.slot-deviation': 'Scostamento per fascia', 'k.drop-off': 'Abbandono', 'k.dlq': 'Coda di errore',
    'k.touchpoint-silent': 'Punto di contatto silenzioso', 'k.touchpoint-unhandled': 'Output non gestito', 'a.open': 'Apri',
    'sev.warning': 'attenzione', 'sev.critical': 'critico',
    'err.title': 'Non riesco a leggere questi dati', 'err.network': 'Il server non risponde.',
    'err.login': 'Accesso necessario.', 'err.loginLink': 'Accedi', 'loading': 'Caricamento…',
    'err.404': 'Non ancora disponibile (nessun dato o analisi non ancora calcolata).',
  },
  en: {
    subtitle: 'Insights', skip: 'Skip to content', sections: 'Sections',
    'nav.overview': 'Overview', 'nav.heatmap': 'Heatmap', 'nav.journeys': 'Journeys', 'nav.customer': 'Customer',
    'nav.experiments': 'Experiments', 'nav.base': 'Customer base', 'nav.touchpoints': 'Touchpoints', 'nav.alerts': 'Alerts',
    'overview.title': 'Overview', 'overview.lead': 'The seeds\' KPIs: onboarding, post-purchase and timing. Hover over (or focus) a card for its definition.',
    'group.onboarding': 'Onboarding', 'group.post-purchase': 'Post-purchase', 'group.timing': 'Timing',
    'f.from': 'From', 'f.to': 'To', 'f.segment': 'Segment', 'f.area': 'Macro-area', 'f.cluster': 'Cluster',
    'f.metric': 'Metric', 'f.all': 'All', 'f.apply': 'Update', 'f.journey': 'Journey', 'f.status': 'Status',
    'f.allAreas': 'All', 'csv': 'Download CSV', 'period': 'Period', 'sample': 'sample', 'nodata': 'no data',
    'heatmap.title': 'Hour × weekday heatmap', 'heatmap.lead': 'Sends, opens and clicks per hour and weekday, Rome time (Europe/Rome).',
    'm.sends': 'Sends', 'm.opens': 'Opens', 'm.clicks': 'Clicks', 'total': 'Total', 'max': 'Maximum',
    'days': ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    'journeys.title': 'Journeys', 'journeys.lead': 'Each journey drawn from its ASL file: states, transitions, counts, times and where customers stall. Click a state to see who is in it.',
    'j.journey': 'Journey', 'j.trigger': 'Trigger', 'j.states': 'States', 'j.running': 'Running',
    'j.completed': 'Completed', 'j.failed': 'Failed', 'j.open': 'Open', 'j.map': 'Journey map',
    's.name': 'State', 's.type': 'Type', 's.waiting': 'Waiting now', 's.entered': 'Entered', 's.completed': 'Completed',
    's.exitedEarly': 'Exited early', 's.failed': 'Failed', 's.median': 'Median', 's.p90': 'P90',
    's.milestone': 'Milestone', 's.mot': 'Moment of truth', 'dropoff': 'Drop-off between milestones',
    'd.from': 'From', 'd.to': 'To', 'd.entered': 'Entered', 'd.reached': 'Reached', 'd.rate': 'Drop-off',
    'inState': 'Customers in the state', 'c.id': 'Customer', 'c.execution': 'Execution', 'c.tier': 'Tier', 'c.since': 'Since',
    'legend.mot': '★ moment of truth', 'legend.milestone': '◆ milestone',
    'customer.title': 'Customer', 'customer.lead': 'Where one customer is now, the next send and why, the timeline, the score and the consents.',
    'customer.id': 'Customer id', 'customer.search': 'Search', 'customer.ask': 'Type a customer id (e.g. c-00001).',
    'cu.segment': 'Segment', 'cu.area': 'Macro-area', 'cu.tier': 'Tier', 'cu.score': 'Score',
    'cu.journeys': 'Journeys', 'cu.state': 'State', 'cu.status': 'Status', 'cu.next': 'Next send',
    'cu.why': 'Why', 'cu.timeline': 'Timeline', 'cu.breakdown': 'Score breakdown',
    'cu.consents': 'Consents', 'cu.channel': 'Channel', 'cu.granted': 'Granted', 'cu.source': 'Source',
    'cu.churn': 'Churn risk', 'cu.rule': 'Rule', 'cu.model': 'Model', 'cu.none': 'none',
    'yes': 'yes', 'no': 'no',
    'experiments.title': 'Experiments', 'experiments.lead': 'The A/B tests of timing and of touchpoint variants: arms, rates, lift, p-value and decision.',
    'e.arm': 'Arm', 'e.assigned': 'Assigned', 'e.converted': 'Converted', 'e.rate': 'Rate',
    'e.lift': 'Lift', 'e.p': 'p-value', 'e.status': 'Status', 'e.winner': 'Winner', 'e.metric': 'Metric',
    'e.count': 'experiments', 'e.decision': 'Decision',
    'st.running': 'running', 'st.winner-declared': 'winner declared', 'st.no-difference': 'no difference',
    'base.title': 'Customer base', 'base.lead': 'RFM for b2c customers and b2b accounts, clusters described in words, P(alive) and expected purchases (BG/NBD), the churn model.',
    'rfm': 'RFM segments', 'rfm.b2c': 'b2c customers', 'rfm.b2b': 'b2b accounts', 'rfm.rows': 'rows',
    'clusters': 'Clusters', 'cl.size': 'Customers', 'cl.share': 'Share', 'cl.label': 'Name', 'cl.description': 'Description',
    'cl.k': 'k chosen by silhouette', 'clv': 'P(alive) and expected purchases (BG/NBD)', 'clv.meanPAlive': 'Mean P(alive)',
    'clv.expected': 'Expected purchases', 'clv.horizon': 'weeks', 'clv.customers': 'Customers fitted',
    'churn': 'Churn model', 'ch.auc': 'AUC', 'ch.brier': 'Brier', 'ch.status': 'Status',
    'ch.horizon': 'Horizon (days)', 'ch.test': 'Held-out rows', 'count': 'Count',
    'touchpoints.title': 'Touchpoints', 'touchpoints.lead': 'The touchpoint inventory (touchpoints.json), watched: events in the period, last event (Rome time), customers reached, conversion to the next milestone, and an alert when one falls silent or its output is not handled.',
    'tp.touchpoint': 'Touchpoint', 'tp.kind': 'Kind', 'tp.owner': 'Owner', 'tp.output': 'Where its output goes',
    'tp.sources': 'Sources', 'tp.events': 'Events', 'tp.last': 'Last event', 'tp.reached': 'Customers reached',
    'tp.conversion': 'Conversion to milestone', 'tp.status': 'Status', 'tp.never': 'never', 'tp.count': 'touchpoints',
    'tp.withAlerts': 'with alerts', 'tp.events.total': 'events', 'tp.chart': 'Events per touchpoint in the period',
    'tp.empty': 'The registry (touchpoints.json) lists no touchpoint.',
    'tp.noEvents': 'No event from any touchpoint in this period: check that events arrive with the registry\'s sources.',
    'tp.ok': 'ok', 'tp.silent': 'silent', 'tp.unhandled': 'output not handled', 'tp.alert': 'with an alert',
    'tp.silentNever': 'No event ever received (threshold: {d}).', 'tp.silentSince': 'No event since {at} (threshold: {d}).',
    'tp.unhandledWhy': '{n} × {request} without {handled} within {d}; oldest: {at}.',
    'tp.requests': 'requests', 'tp.noMilestone': 'no milestone',
    'kind.email': 'e-mail', 'kind.whatsapp': 'WhatsApp', 'kind.chatbot': 'chatbot', 'kind.form': 'form', 'kind.landing-page': 'landing page',
    'kind.app': 'app', 'kind.web-app': 'web app', 'kind.qr': 'QR code', 'kind.wifi': 'Wi-Fi', 'kind.kiosk': 'kiosk',
    'kind.survey': 'survey', 'kind.phone': 'phone', 'kind.social': 'social', 'kind.website': 'website',
    'alerts.title': 'Alerts', 'alerts.lead': 'Opens off the model by more than 2σ, drop-offs doubling week over week, dead-letter queues not empty, touchpoints silent or with output not handled (as of the last daily run).',
    'a.kind': 'Kind', 'a.severity': 'Severity', 'a.message': 'Message', 'a.at': 'Detected', 'a.details': 'Details',
    'a.none': 'No alerts.', 'k.slot-deviation': 'Slot deviation', 'k.drop-off': 'Drop-off', 'k.dlq': 'Dead-letter queue',
    'k.touchpoint-silent': 'Silent touchpoint', 'k.touchpoint-unhandled': 'Output not handled', 'a.open': 'Open',
    'sev.warning': 'warning', 'sev.critical': 'critical',
    'err.title': 'Cannot read this data', 'err.network': 'The server does not answer.',
    'err.login': 'Sign-in needed.', 'err.loginLink': 'Sign in', 'loading': 'Loading…',
    'err.404': 'Not available yet (no data, or the analysis has not run yet).',
  },
};
let lang = localStorage.getItem('attimo.lang') === 'en' ? 'en' : 'it';
const t = (key) => TEXT[lang][key] ?? TEXT.it[key] ?? key;
const pick = (both) => (both && typeof both === 'object' ? both[lang] ?? both.it ?? '' : both ?? '');
const AREAS = [['NORD_OVEST', 'Nord-ovest', 'North-west'], ['NORD_EST', 'Nord-est', 'North-east'],
  ['CENTRO', 'Centro', 'Centre'], ['SUD', 'Sud', 'South'], ['ISOLE', 'Isole', 'Islands']];

// ------------------------------------------------------------------ formatting and DOM
const locale = () => (lang === 'it' ? 'it-IT' : 'en-GB');
function num(v, digits = 1) {
  if (v === null || v === undefined || v === '' || Number.isNaN(Number(v))) return '–';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(Number(v));
}
function pct(v, digits = 1) { return v === null || v === undefined ? '–' : `${num(v * 100, digits)} %`; }
function when(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Rome' }).format(d);
}
function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const s = Number(seconds);
  if (s < 120) return `${num(s, 0)} s`;
  if (s < 7200) return `${num(s / 60, 0)} min`;
  if (s < 172800) return `${num(s / 3600, 1)} h`;
  return `${num(s / 86400, 1)} ${lang === 'it' ? 'g' : 'd'}`;
}
/** An ISO-8601 duration as Java writes it (PT24H, PT168H, P7D, PT30M) in words: 24 h, 7 g / 7 d. */
function isoDuration(iso) {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso || '');
  if (!m) return iso || '–';
  const [, d, hh, mm, ss] = m.map((x) => Number(x || 0));
  return duration(d * 86400 + hh * 3600 + mm * 60 + ss);
}
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => values[k] ?? '');
function kpiValue(k) {
  if (k.value === null || k.value === undefined) return t('nodata');
  switch (k.unit) {
    case '%': return `${num(k.value)} %`;
    case 'h': return `${num(k.value)} h`;
    case 'EUR': return new Intl.NumberFormat(locale(), { style: 'currency', currency: 'EUR' }).format(k.value);
    case 'per-week': return `${num(k.value, 2)} / ${lang === 'it' ? 'sett.' : 'week'}`;
    case 'count': return num(k.value, 0);
    default: return `${num(k.value, 2)}${k.unit && k.unit !== 'score' ? ' ' + k.unit : ''}`;
  }
}
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}
function table(headers, rows, numeric = []) {
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, headers.map((x, i) => h('th', { scope: 'col', class: numeric.includes(i) ? 'num' : null }, x)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => h('td', { class: numeric.includes(i) ? 'num' : null }, c)))))));
}
function field(label, control) { return h('label', {}, label, control); }
function select(name, options, value) {
  return h('select', { name, id: `f-${name}` }, options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
}
function segmentSelect(value) { return select('segment', [['', t('f.all')], ['b2c', 'b2c'], ['b2b', 'b2b']], value || ''); }
function areaSelect(value) {
  return select('area', [['', t('f.allAreas')], ...AREAS.map(([id, it, en]) => [id, lang === 'it' ? it : en])], value || '');
}
function dateInput(name, iso) {
  return h('input', { type: 'date', name, id: `f-${name}`, value: iso ? String(iso).slice(0, 10) : '' });
}

// ------------------------------------------------------------------ API
function apiUrl(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, v);
  if (API_BASE) {
    const through = new URLSearchParams({ path });
    for (const [k, v] of q) through.set(k, v);
    if (TOKEN) through.set('access_token', TOKEN);
    return `${API_BASE}?${through}`;
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
class ApiError extends Error {
  constructor(status, code, message) { super(message); this.status = status; this.code = code; }
}
async function getJson(path, params) {
  let response;
  try {
    response = await fetch(apiUrl(path, params), { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new ApiError(0, 'network', t('err.network'));
  }
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) {
    throw new ApiError(response.status, body?.error || `http_${response.status}`, body?.message || response.statusText);
  }
  return body;
}
function csvButton(path, params, label = t('csv'), id = 'csv') {
  return h('a', { class: 'button secondary csv', id, href: apiUrl(path, { ...params, format: 'csv' }), download: '' }, label);
}
function errorBox(e, path) {
  const box = h('div', { class: 'message error', role: 'alert' }, h('strong', {}, t('err.title')), h('br'));
  if (e instanceof ApiError && e.status) {
    box.append(`${path} → ${e.status} ${e.code}: ${e.message}`);
    if (e.status === 404) box.append(h('br'), t('err.404'));
    if ((e.status === 401 || e.status === 403) && LOGIN_URL) {
      box.append(h('br'), t('err.login'), ' ', h('a', { href: LOGIN_URL }, t('err.loginLink')));
    }
  } else {
    box.append(`${path}: ${e?.message || e}`);
  }
  return box;
}
/** Loads path into container, drawing with draw(body); an error becomes a message in the page, never a throw. */
async function load(container, path, params, draw) {
  container.replaceChildren(h('p', { class: 'muted', 'aria-live': 'polite' }, t('loading')));
  try {
    const body = await getJson(path, params);
    container.replaceChildren();
    draw(body);
  } catch (e) {
    container.replaceChildren(errorBox(e, path));
  }
}

// ------------------------------------------------------------------ charts
const charts = new Set();
function chart(container, option, cls = '') {
  const { height, ...rest } = option;
  option = rest;
  const el = h('div', { class: `chart ${cls}`, role: 'img', 'aria-label': option.title?.text || '', style: height ? `height:${height}px` : null });
  container.append(el);
  if (!window.echarts) {
    el.replaceWith(h('div', { class: 'message error', role: 'alert' }, 'ECharts not loaded'));
    return null;
  }
  const c = window.echarts.init(el, null, { renderer: 'svg' });
  c.setOption({ animation: false, textStyle: { fontFamily: 'inherit' }, ...option });
  charts.add(c);
  // the page around a chart settles after it is drawn (a scroll bar, a grid's columns): follow its size
  if (window.ResizeObserver) {
    const watch = new ResizeObserver(() => { if (!c.isDisposed()) c.resize(); });
    watch.observe(el);
    observers.add(watch);
  }
  return c;
}
const observers = new Set();
function disposeCharts() {
  for (const o of observers) o.disconnect();
  observers.clear();
  for (const c of charts) c.dispose();
  charts.clear();
}
window.addEventListener('resize', () => { for (const c of charts) c.resize(); });
/** The width of the widest of texts in the page's font at size px (ECharts measures 'inherit' as its own default). */
function textWidth(texts, px = 12) {
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = `${px}px ${getComputedStyle(document.body).fontFamily}`;
  return Math.max(0, ...texts.map((x) => ctx.measureText(String(x)).width));
}
function bars(container, title, names, values, opts = {}) {
  return chart(container, {
    height: opts.height,
    title: { text: title, left: 8, top: 4, textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' },
    grid: opts.fitLabels ? { left: Math.ceil(textWidth(names)) + 20, right: 24, top: 36, bottom: 24 }
      : { left: opts.horizontal ? 150 : 48, right: 16, top: 36, bottom: opts.horizontal ? 24 : 56 },
    xAxis: opts.horizontal ? { type: 'value', minInterval: opts.integer ? 1 : 0 } : { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 5 ? 30 : 0 } },
    yAxis: opts.horizontal ? { type: 'category', data: names, inverse: true } : { type: 'value' },
    series: [{ type: 'bar', data: values, itemStyle: { color: opts.color || '#0b5cad' }, label: { show: true, position: opts.horizontal ? 'right' : 'top', formatter: (p) => num(p.value) } }],
  }, opts.cls || '');
}

// ------------------------------------------------------------------ views
function filterForm(fields, onSubmit) {
  const form = h('form', { class: 'filters', id: 'filters' }, fields, h('button', { class: 'primary', type: 'submit', id: 'apply' }, t('f.apply')));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); onSubmit(Object.fromEntries(new FormData(form))); });
  return form;
}
function instantParams(f) {
  const out = { ...f };
  if (f.from) out.from = `${f.from}T00:00:00Z`;
  if (f.to) out.to = `${f.to}T23:59:59Z`;
  return out;
}
/** The instant of a Rome wall-clock time on a date (yyyy-mm-dd), DST included: midnight, or 23:59:59 at the end. */
function romeInstant(date, endOfDay) {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, endOfDay ? 23 : 0, endOfDay ? 59 : 0, endOfDay ? 59 : 0);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', hourCycle: 'h23',
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    .formatToParts(new Date(wall)).map((p) => [p.type, p.value]));
  const offset = Date.UTC(+parts.year, parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second) - wall;
  return new Date(wall - offset).toISOString().replace('.000Z', 'Z');
}
/** A period picked as Rome dates: from its first second to its last, in Rome's time (the touchpoints page). */
function romePeriod(f) {
  return { from: f.from ? romeInstant(f.from, false) : undefined, to: f.to ? romeInstant(f.to, true) : undefined };
}
function pageHead(root, key) {
  root.append(h('h1', { id: 'title' }, t(`${key}.title`)), h('p', { class: 'lead' }, t(`${key}.lead`)));
}

const state = { overview: {}, heatmap: { metric: 'opens' }, journey: null, customer: '', base: {}, experiments: {}, touchpoints: {} };

function overview(root) {
  pageHead(root, 'overview');
  const f = state.overview;
  const body = h('div', { id: 'content' });
  const actions = h('div', { class: 'actions' });
  root.append(filterForm([field(t('f.from'), dateInput('from', f.from)), field(t('f.to'), dateInput('to', f.to)),
    field(t('f.segment'), segmentSelect(f.segment)), field(t('f.area'), areaSelect(f.area))],
  (values) => { state.overview = values; route(); }), actions, body);
  const params = instantParams(f);
  actions.append(csvButton('/insights/overview', params));
  load(body, '/insights/overview', params, (data) => {
    body.append(h('p', { class: 'muted', id: 'period' }, `${t('period')}: ${when(data.period?.from)} – ${when(data.period?.to)}`));
    for (const group of ['onboarding', 'post-purchase', 'timing']) {
      const kpis = (data.kpis || []).filter((k) => k.group === group);
      if (!kpis.length) continue;
      body.append(h('h2', {}, t(`group.${group}`)));
      const cards = h('div', { class: 'cards' });
      body.append(cards);
      for (const k of kpis) {
        const defId = `def-${k.id.replace(/[^A-Za-z0-9]/g, '-')}`;
        const card = h('section', { class: 'card kpi', tabindex: '0', 'data-kpi': k.id, 'aria-describedby': defId, title: pick(k.definition) },
          h('h3', {}, pick(k.label)), h('div', { class: 'value' }, kpiValue(k)),
          h('div', { class: 'sample' }, `${t('sample')}: ${num(k.sample, 0)}`),
          h('div', { class: 'definition', id: defId, role: 'tooltip' }, pick(k.definition)));
        cards.append(card);
        if (Array.isArray(k.breakdown) && k.breakdown.length) {
          bars(card, '', k.breakdown.map((b) => pick(b.label) || b.key), k.breakdown.map((b) => b.value), { cls: 'small' });
        }
      }
    }
  });
}

function heatmap(root) {
  pageHead(root, 'heatmap');
  const f = state.heatmap;
  const clusterSel = select('cluster', [['', t('f.all')]], f.cluster || '');
  getJson('/insights/clusters', { limit: 1 }).then((c) => {
    for (const cl of c.clusters || []) clusterSel.append(h('option', { value: cl.id, selected: String(cl.id) === String(f.cluster) }, `${cl.id} · ${lang === 'it' ? cl.label : cl.labelEn || cl.label}`));
  }).catch(() => {});
  const body = h('div', { id: 'content' });
  const actions = h('div', { class: 'actions' });
  root.append(filterForm([
    field(t('f.metric'), select('metric', ['sends', 'opens', 'clicks'].map((m) => [m, t(`m.${m}`)]), f.metric || 'opens')),
    field(t('f.from'), dateInput('from', f.from)), field(t('f.to'), dateInput('to', f.to)),
    field(t('f.segment'), segmentSelect(f.segment)), field(t('f.area'), areaSelect(f.area)), field(t('f.cluster'), clusterSel)],
  (values) => { state.heatmap = values; route(); }), actions, body);
  const params = instantParams(f);
  actions.append(csvButton('/insights/heatmap', params));
  load(body, '/insights/heatmap', params, (data) => {
    const days = t('days');
    const cells = (data.cells || []).map((c) => [c.hour, c.weekday - 1, c.count]);
    body.append(h('p', { id: 'totals' }, `${t(`m.${data.metric}`)} · ${t('total')}: `, h('strong', { id: 'total' }, num(data.total, 0)),
      ` · ${t('max')}: ${num(data.max, 0)} · ${data.timezone || 'Europe/Rome'}`));
    chart(body, {
      title: { text: `${t(`m.${data.metric}`)} (${data.timezone || 'Europe/Rome'})`, left: 8, textStyle: { fontSize: 13 } },
      tooltip: { formatter: (p) => `${days[p.value[1]]} ${String(p.value[0]).padStart(2, '0')}:00 → ${num(p.value[2], 0)}` },
      grid: { left: 48, right: 16, top: 36, bottom: 80 },
      xAxis: { type: 'category', data: [...Array(24).keys()].map((x) => String(x).padStart(2, '0')), splitArea: { show: true } },
      yAxis: { type: 'category', data: days, inverse: true, splitArea: { show: true } },
      visualMap: { min: 0, max: Math.max(1, data.max || 0), calculable: true, orient: 'horizontal', left: 'center', bottom: 8,
        inRange: { color: ['#f4f8fc', '#9ecae1', '#0b5cad', '#08306b'] } },
      series: [{ type: 'heatmap', data: cells, label: { show: false } }],
    }, 'tall');
  });
}

function journeys(root) {
  pageHead(root, 'journeys');
  const list = h('div', { id: 'journey-list' });
  const actions = h('div', { class: 'actions' }, csvButton('/insights/journeys', {}, t('csv'), 'csv-list'));
  const detail = h('div', { id: 'content' });
  root.append(actions, list, detail);
  load(list, '/insights/journeys', {}, (data) => {
    const items = data.journeys || [];
    list.append(table([t('j.journey'), t('j.trigger'), t('j.states'), t('j.running'), t('j.completed'), t('j.failed'), ''],
      items.map((j) => [j.journey, j.trigger ?? '–', num(j.states, 0), num(j.running, 0), num(j.completed, 0), num(j.failed, 0),
        h('button', { type: 'button', class: 'link', 'data-journey': j.journey, onclick: () => { state.journey = j.journey; showJourney(detail, j.journey); } }, t('j.open'))]),
      [2, 3, 4, 5]));
    const chosen = state.journey && items.some((j) => j.journey === state.journey) ? state.journey : items[0]?.journey;
    if (chosen) { state.journey = chosen; showJourney(detail, chosen); }
  });
}

/**
 * Lays the ASL graph out top to bottom: each state one level below the longest path that reaches it from StartAt
 * (loops ignored), so the main flow is one column; a state many states lead to (the Catch target) steps aside.
 */
function layout(states, transitions, startAt) {
  const names = states.map((s) => s.name);
  const next = new Map(names.map((n) => [n, []]));
  const indegree = new Map(names.map((n) => [n, 0]));
  for (const tr of transitions) if (next.has(tr.from) && next.has(tr.to) && tr.from !== tr.to) next.get(tr.from).push(tr.to);
  const back = new Set();
  const seen = new Set();
  const onPath = new Set();
  const visit = (n) => {
    seen.add(n); onPath.add(n);
    for (const m of next.get(n)) {
      if (onPath.has(m)) back.add(`${n}\u0000${m}`);
      else if (!seen.has(m)) visit(m);
    }
    onPath.delete(n);
  };
  if (next.has(startAt)) visit(startAt);
  for (const n of names) if (!seen.has(n)) visit(n);
  const forward = [];
  for (const [n, ms] of next) for (const m of ms) if (!back.has(`${n}\u0000${m}`)) forward.push([n, m]);
  for (const [, m] of forward) indegree.set(m, indegree.get(m) + 1);
  const remaining = new Map(indegree);
  const depth = new Map(names.map((n) => [n, 0]));
  const queue = names.filter((n) => remaining.get(n) === 0);
  while (queue.length) {
    const n = queue.shift();
    for (const [a, m] of forward) {
      if (a !== n) continue;
      depth.set(m, Math.max(depth.get(m), depth.get(n) + 1));
      remaining.set(m, remaining.get(m) - 1);
      if (remaining.get(m) === 0) queue.push(m);
    }
  }
  const rows = new Map();
  const pos = new Map();
  for (const n of names) {
    const d = depth.get(n);
    const column = (rows.get(d) || 0) + (indegree.get(n) >= 3 ? 1 : 0);
    rows.set(d, column + 1);
    pos.set(n, { x: column * 260, y: d * 64 });
  }
  return { pos, levels: Math.max(0, ...depth.values()) + 1 };
}

function showJourney(detail, name) {
  const path = `/insights/journeys/${encodeURIComponent(name)}`;
  detail.replaceChildren();
  const body = h('div');
  detail.append(h('h2', { id: 'journey-title' }, `${t('j.map')}: ${name}`),
    h('div', { class: 'actions' }, csvButton(path, {})), body);
  load(body, path, {}, (data) => {
    const states = data.states || [];
    const transitions = data.transitions || [];
    const { pos, levels } = layout(states, transitions, data.startAt || states[0]?.name);
    const maxEntered = Math.max(1, ...states.map((s) => s.entered || 0));
    body.append(h('p', { class: 'muted' }, `${t('legend.mot')} · ${t('legend.milestone')} · ${t('s.waiting')} / ${t('s.entered')}`));
    const customers = h('div', { id: 'state-customers' });
    const c = chart(body, {
      height: Math.max(420, levels * 56 + 60),
      tooltip: {
        formatter: (p) => {
          if (p.dataType === 'edge') return `${p.data.source} → ${p.data.target}: ${num(p.data.value, 0)}`;
          const s = p.data.state;
          return `<b>${s.name}</b> (${s.type})<br>${t('s.waiting')}: ${num(s.waiting, 0)}<br>${t('s.entered')}: ${num(s.entered, 0)}`
            + `<br>${t('s.completed')}: ${num(s.completed, 0)}<br>${t('s.exitedEarly')}: ${num(s.exitedEarly, 0)}<br>${t('s.failed')}: ${num(s.failed, 0)}`
            + `<br>${t('s.median')}: ${duration(s.medianSeconds)} · ${t('s.p90')}: ${duration(s.p90Seconds)}`;
        },
      },
      series: [{
        type: 'graph', layout: 'none', roam: true, edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 8,
        top: 30, bottom: 30, left: 120, right: 160,
        label: { show: true, position: 'right', fontSize: 11,
          formatter: (p) => `${p.data.state.momentOfTruth ? '★ ' : ''}${p.data.state.milestone ? '◆ ' : ''}${p.name}  ${num(p.data.state.waiting, 0)} / ${num(p.data.state.entered, 0)}` },
        edgeLabel: { show: true, fontSize: 10, formatter: (p) => num(p.data.value, 0) },
        data: states.map((s) => ({
          name: s.name, state: s, x: pos.get(s.name).x, y: pos.get(s.name).y,
          symbol: s.momentOfTruth ? 'pin' : s.milestone ? 'diamond' : (s.type === 'Choice' ? 'triangle' : 'circle'),
          symbolSize: 14 + 22 * Math.sqrt((s.entered || 0) / maxEntered),
          itemStyle: { color: s.failed > 0 && s.type === 'Fail' ? '#a4161a' : s.momentOfTruth ? '#c77700' : s.milestone ? '#1b6e3a' : '#0b5cad' },
        })),
        links: transitions.map((tr) => ({ source: tr.from, target: tr.to, value: tr.count,
          lineStyle: { width: 1 + 4 * Math.sqrt((tr.count || 0) / maxEntered), curveness: 0.15, opacity: tr.count ? 0.9 : 0.35 } })),
      }],
    }, 'tall');
    c?.on('click', (p) => { if (p.dataType === 'node') showStateCustomers(customers, name, p.name); });
    body.append(customers);
    body.append(h('h2', {}, t('s.name')), table(
      [t('s.name'), t('s.type'), t('s.waiting'), t('s.entered'), t('s.completed'), t('s.exitedEarly'), t('s.failed'), t('s.median'), t('s.p90'), t('s.milestone'), t('s.mot')],
      states.map((s) => [h('button', { type: 'button', class: 'link state', 'data-state': s.name, onclick: () => showStateCustomers(customers, name, s.name) }, s.name),
        s.type, num(s.waiting, 0), num(s.entered, 0), num(s.completed, 0), num(s.exitedEarly, 0), num(s.failed, 0),
        duration(s.medianSeconds), duration(s.p90Seconds), s.milestone ? '◆' : '', s.momentOfTruth ? '★' : '']),
      [2, 3, 4, 5, 6, 7, 8]));
    const drops = data.dropOff || [];
    if (drops.length) {
      body.append(h('h2', {}, t('dropoff')));
      bars(body, t('dropoff'), drops.map((d) => `${d.from} → ${d.to}`), drops.map((d) => Math.round((d.rate || 0) * 1000) / 10), { horizontal: true, color: '#c77700' });
      body.append(table([t('d.from'), t('d.to'), t('d.entered'), t('d.reached'), t('d.rate')],
        drops.map((d) => [d.from, d.to, num(d.entered, 0), num(d.reached, 0), pct(d.rate)]), [2, 3, 4]));
    }
  });
}

function showStateCustomers(container, journey, stateName) {
  const path = `/insights/journeys/${encodeURIComponent(journey)}/states/${encodeURIComponent(stateName)}/customers`;
  container.replaceChildren();
  const body = h('div');
  container.append(h('h2', { id: 'state-title' }, `${t('inState')}: ${stateName}`),
    h('div', { class: 'actions' }, csvButton(path, { limit: 1000 }, t('csv'), 'csv-state')), body);
  load(body, path, { limit: 100 }, (data) => {
    body.append(h('p', {}, `${num(data.total, 0)}`));
    body.append(table([t('c.id'), t('c.execution'), t('c.tier'), t('c.since')],
      (data.customers || []).map((c) => [h('a', { href: `#/customer/${encodeURIComponent(c.customerId)}` }, c.customerId), c.executionName, c.tier ?? '–', when(c.since)])));
  });
  container.scrollIntoView?.({ block: 'nearest' });
}

function customer(root, id) {
  pageHead(root, 'customer');
  if (id !== undefined) state.customer = id;
  const input = h('input', { type: 'search', name: 'customerId', id: 'f-customerId', value: state.customer, required: true, autocomplete: 'off', spellcheck: 'false' });
  const form = h('form', { class: 'filters', role: 'search', id: 'filters' }, field(t('customer.id'), input),
    h('button', { class: 'primary', type: 'submit', id: 'apply' }, t('customer.search')));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); location.hash = `#/customer/${encodeURIComponent(input.value.trim())}`; });
  const body = h('div', { id: 'content' });
  const actions = h('div', { class: 'actions' });
  root.append(form, actions, body);
  if (!state.customer) { body.append(h('p', { class: 'message info' }, t('customer.ask'))); return; }
  const path = `/insights/customers/${encodeURIComponent(state.customer)}`;
  actions.append(csvButton(path, {}));
  load(body, path, {}, (c) => {
    const area = AREAS.find((a) => a[0] === c.area || a[1] === c.area);
    body.append(h('dl', { class: 'kv', id: 'customer-summary' },
      h('dt', {}, t('c.id')), h('dd', {}, c.customerId),
      h('dt', {}, t('cu.segment')), h('dd', {}, c.segment ?? '–'),
      h('dt', {}, t('cu.area')), h('dd', {}, area ? (lang === 'it' ? area[1] : area[2]) : (c.area ?? '–')),
      h('dt', {}, t('cu.tier')), h('dd', {}, c.tier ?? '–'),
      h('dt', {}, t('cu.score')), h('dd', {}, num(c.score?.value, 1))));
    body.append(h('h2', {}, t('cu.journeys')), table([t('j.journey'), t('cu.state'), t('cu.status'), t('c.since'), t('cu.next'), t('cu.why')],
      (c.journeys || []).map((j) => [j.journey, j.state ?? '–', j.status ?? '–', when(j.since),
        j.nextSend ? `${j.nextSend.step} · ${j.nextSend.channel} · ${when(j.nextSend.sendAt)} (${num(j.nextSend.suitability, 0)}/100)` : '–',
        j.nextSend?.reasons ? [].concat(j.nextSend.reasons).map((r) => (typeof r === 'object' ? pick(r.text ?? r) : r)).join('; ') : '–'])));
    const grid = h('div', { class: 'grid2' });
    body.append(grid);
    const left = h('div', {}, h('h2', {}, t('cu.breakdown')));
    grid.append(left);
    const breakdown = c.score?.breakdown || [];
    bars(left, t('cu.breakdown'), breakdown.map((b) => b.rule ?? b.key ?? ''), breakdown.map((b) => b.points ?? b.value ?? 0), { horizontal: true });
    const right = h('div', {}, h('h2', {}, t('cu.consents')));
    grid.append(right);
    right.append(table([t('cu.channel'), t('cu.granted'), t('cu.source')], Object.entries(c.consents || {}).map(([ch, v]) =>
      [ch, (v && typeof v === 'object' ? v.granted : v) ? t('yes') : t('no'), (v && v.source) || '–'])));
    right.append(h('h2', {}, t('cu.churn')), h('dl', { class: 'kv' },
      h('dt', {}, t('cu.rule')), h('dd', {}, c.churn?.rule ? `${c.churn.rule.risk ?? '–'} ${(c.churn.rule.reasons || []).length ? '(' + c.churn.rule.reasons.join(', ') + ')' : ''}` : '–'),
      h('dt', {}, t('cu.model')), h('dd', {}, c.churn?.model ? `${pct(c.churn.model.probability)}${c.churn.model.calibrated ? ' (cal.)' : ''}` : t('cu.none'))));
    body.append(h('h2', {}, t('cu.timeline')), h('ul', { class: 'timeline', id: 'timeline' }, (c.timeline || []).map((e) =>
      h('li', {}, h('strong', {}, when(e.at)), ' · ', e.kind === 'message' ? '✉ ' : '', e.type, e.channel ? ` · ${e.channel}` : '', e.status ? ` · ${e.status}` : '',
        e.summary ? h('span', { class: 'muted' }, ` — ${e.summary}`) : ''))));
  });
}

function experiments(root) {
  pageHead(root, 'experiments');
  const f = state.experiments;
  const body = h('div', { id: 'content' });
  const journeySel = select('journey', [['', t('f.all')]], f.journey || '');
  const statusSel = select('status', [['', t('f.all')], ...['running', 'winner-declared', 'no-difference'].map((s) => [s, t(`st.${s}`)])], f.status || '');
  root.append(filterForm([field(t('f.journey'), journeySel), field(t('f.status'), statusSel)],
    (values) => { state.experiments = values; route(); }), h('div', { class: 'actions' }, csvButton('/experiments', {})), body);
  load(body, '/experiments', {}, (all) => {
    for (const j of [...new Set(all.map((e) => e.journey).filter(Boolean))]) journeySel.append(h('option', { value: j, selected: j === f.journey }, j));
    const shown = all.filter((e) => (!f.journey || e.journey === f.journey) && (!f.status || e.status === f.status));
    body.append(h('p', { id: 'count' }, `${shown.length} ${t('e.count')}`));
    for (const e of shown) {
      const section = h('section', { class: 'card experiment', 'data-experiment': e.id });
      body.append(section);
      section.append(h('h2', {}, e.id), h('dl', { class: 'kv' },
        h('dt', {}, t('j.journey')), h('dd', {}, e.touchpoint ? `touchpoint ${e.touchpoint}` : `${e.journey} · ${e.step}`),
        h('dt', {}, t('e.metric')), h('dd', {}, (typeof e.metric === 'object' ? e.metric?.name : e.metric) ?? '–'),
        h('dt', {}, t('e.status')), h('dd', {}, h('span', { class: `badge ${e.status === 'running' ? 'warning' : 'ok'}` }, t(`st.${e.status}`))),
        h('dt', {}, t('e.lift')), h('dd', { class: 'lift' }, e.lift === null || e.lift === undefined ? '–' : `${e.lift > 0 ? '+' : ''}${pct(e.lift)}`),
        h('dt', {}, t('e.p')), h('dd', { class: 'pvalue' }, e.pValue === null || e.pValue === undefined ? '–' : num(e.pValue, 4)),
        h('dt', {}, t('e.winner')), h('dd', {}, e.winner ?? '–')));
      const arms = e.arms || [];
      section.append(table([t('e.arm'), t('e.assigned'), t('e.converted'), t('e.rate')],
        arms.map((a) => [a.name, num(a.assigned, 0), num(a.converted, 0), pct(a.rate)]), [1, 2, 3]));
      bars(section, `${t('e.rate')} (%)`, arms.map((a) => a.name), arms.map((a) => Math.round((a.rate || 0) * 1000) / 10));
    }
  });
}

function base(root) {
  pageHead(root, 'base');
  const f = state.base;
  const body = h('div', { id: 'content' });
  const rfmParams = { customerSegment: f.segment || undefined, limit: 1 };
  root.append(filterForm([field(t('f.segment'), segmentSelect(f.segment))], (values) => { state.base = values; route(); }),
    h('div', { class: 'actions' },
      csvButton('/insights/rfm', { customerSegment: f.segment || undefined }, `${t('csv')} · RFM`, 'csv'),
      csvButton('/insights/clusters', {}, `${t('csv')} · ${t('clusters')}`, 'csv-clusters'),
      csvButton('/insights/clv', {}, `${t('csv')} · CLV`, 'csv-clv'),
      csvButton('/insights/churn', {}, `${t('csv')} · churn`, 'csv-churn')), body);
  const rfm = h('section', { id: 'rfm' });
  const clusters = h('section', { id: 'clusters' });
  const clv = h('section', { id: 'clv' });
  const churn = h('section', { id: 'churn' });
  body.append(h('h2', {}, t('rfm')), rfm, h('h2', {}, t('clusters')), clusters, h('h2', {}, t('clv')), clv, h('h2', {}, t('churn')), churn);
  load(rfm, '/insights/rfm', rfmParams, (d) => {
    rfm.append(h('p', {}, `${t('rfm.rows')}: `, h('strong', { id: 'rfm-total' }, num(d.total, 0)), ` · ${t('rfm.b2c')}: ${num(d.b2c?.customers, 0)} · ${t('rfm.b2b')}: ${num(d.b2b?.accounts, 0)}`));
    const grid = h('div', { class: 'grid2' });
    rfm.append(grid);
    for (const [key, label] of [['b2c', t('rfm.b2c')], ['b2b', t('rfm.b2b')]]) {
      if (f.segment && f.segment !== key) continue;
      const segs = (d[key]?.segments || []).filter((s) => s.count > 0);
      const cell = h('div');
      grid.append(cell);
      bars(cell, label, segs.map((s) => (lang === 'it' ? s.name : s.nameEn || s.name)), segs.map((s) => s.count), { horizontal: true });
    }
  });
  load(clusters, '/insights/clusters', { limit: 1 }, (d) => {
    clusters.append(h('p', { class: 'muted' }, `${t('cl.k')}: k = ${d.k}`));
    const list = d.clusters || [];
    chart(clusters, {
      tooltip: { trigger: 'item' },
      series: [{ type: 'pie', radius: ['35%', '65%'], data: list.map((c) => ({ name: `${c.id} · ${lang === 'it' ? c.label : c.labelEn || c.label}`, value: c.size })), label: { fontSize: 11 } }],
    });
    clusters.append(table(['#', t('cl.label'), t('cl.size'), t('cl.share'), t('cl.description')],
      list.map((c) => [c.id, lang === 'it' ? c.label : c.labelEn || c.label, num(c.size, 0), pct(c.share), lang === 'it' ? c.description : c.descriptionEn || c.description]), [2, 3]));
  });
  load(clv, '/insights/clv', { limit: 1000 }, (d) => {
    clv.append(h('dl', { class: 'kv' },
      h('dt', {}, t('ch.status')), h('dd', {}, d.status ?? '–'),
      h('dt', {}, t('clv.meanPAlive')), h('dd', { id: 'mean-palive' }, pct(d.meanPAlive)),
      h('dt', {}, `${t('clv.expected')} (${d.horizonWeeks} ${t('clv.horizon')})`), h('dd', {}, num(d.expectedPurchasesTotal, 1)),
      h('dt', {}, t('clv.customers')), h('dd', {}, num(d.customers, 0)),
      h('dt', {}, 'r, α, a, b'), h('dd', {}, d.params ? ['r', 'alpha', 'a', 'b'].map((k) => num(d.params[k], 3)).join(' · ') : '–')));
    const buckets = Array(10).fill(0);
    for (const r of d.rows || []) buckets[Math.min(9, Math.floor((r.pAlive || 0) * 10))] += 1;
    bars(clv, 'P(alive)', buckets.map((_, i) => `${i * 10}–${i * 10 + 10}%`), buckets);
  });
  load(churn, '/insights/churn', { limit: 1 }, (d) => {
    churn.append(h('dl', { class: 'kv' },
      h('dt', {}, t('ch.status')), h('dd', {}, d.status ?? '–'),
      h('dt', {}, t('ch.auc')), h('dd', { id: 'auc' }, num(d.auc, 3)),
      h('dt', {}, t('ch.brier')), h('dd', { id: 'brier' }, num(d.brier, 3)),
      h('dt', {}, t('ch.horizon')), h('dd', {}, num(d.horizonDays, 0)),
      h('dt', {}, t('ch.test')), h('dd', {}, num(d.testRows, 0))));
    const coefficients = Object.entries(d.coefficients || {}).filter(([k]) => k !== 'intercept');
    if (coefficients.length) bars(churn, t('churn'), coefficients.map(([k]) => k), coefficients.map(([, v]) => Math.round(v * 1000) / 1000), { horizontal: true });
  });
}

const ALERT_KINDS = ['slot-deviation', 'drop-off', 'dlq', 'touchpoint-silent', 'touchpoint-unhandled'];

/** Why a touchpoint has an alert, in the chosen language, from the alert's fields (the route's message is English). */
function touchpointReason(tp, a) {
  if (a.type === 'silent') {
    return a.lastEventAt ? fill(t('tp.silentSince'), { at: when(a.lastEventAt), d: isoDuration(a.silentAfter) })
      : fill(t('tp.silentNever'), { d: isoDuration(a.silentAfter) });
  }
  if (a.type === 'unhandled') {
    return fill(t('tp.unhandledWhy'), { n: num(a.count, 0), request: tp.handling?.request ?? '', handled: tp.handling?.handled ?? '',
      d: isoDuration(tp.handling?.within), at: when(a.oldest) });
  }
  return a.message ?? a.type;
}
function touchpointStatus(tp) {
  const list = tp.alerts || [];
  if (!list.length) return h('span', { class: 'badge ok', 'data-status': 'ok' }, t('tp.ok'));
  return h('div', { class: 'tp-alerts' }, list.map((a) => h('div', { class: 'tp-alert', 'data-alert': a.type },
    h('span', { class: `badge ${a.type === 'unhandled' ? 'critical' : 'warning'}`, 'data-status': a.type }, t(`tp.${a.type}`)),
    ' ', h('span', { class: 'reason' }, touchpointReason(tp, a)))));
}

function touchpoints(root) {
  pageHead(root, 'touchpoints');
  const f = state.touchpoints;
  const body = h('div', { id: 'content' });
  const actions = h('div', { class: 'actions' });
  const statusSel = select('status', [['', t('f.all')], ['ok', t('tp.ok')], ['alert', t('tp.alert')]], f.status || '');
  root.append(filterForm([field(t('f.from'), dateInput('from', f.from)), field(t('f.to'), dateInput('to', f.to)), field(t('f.status'), statusSel)],
    (values) => { state.touchpoints = values; route(); }), actions, body);
  const { status } = f;
  const period = romePeriod(f);
  actions.append(csvButton('/touchpoints', period));
  load(body, '/touchpoints', period, (data) => {
    const all = data.touchpoints || [];
    body.append(h('p', { class: 'muted', id: 'period' }, `${t('period')}: ${when(data.from)} – ${when(data.to)}`));
    if (!all.length) { body.append(h('p', { class: 'message info', id: 'empty' }, t('tp.empty'))); return; }
    const shown = all.filter((tp) => !status || tp.status === status);
    const total = all.reduce((sum, tp) => sum + (tp.events || 0), 0);
    body.append(h('p', { id: 'count' }, h('strong', {}, `${shown.length} / ${all.length}`), ` ${t('tp.count')} · `,
      h('strong', { id: 'alerting' }, num(all.filter((tp) => tp.status === 'alert').length, 0)), ` ${t('tp.withAlerts')} · `,
      h('strong', { id: 'events-total' }, num(total, 0)), ` ${t('tp.events.total')}`));
    if (total === 0) body.append(h('p', { class: 'message info', id: 'no-events' }, t('tp.noEvents')));
    else {
      // names shortened to fit beside the bars (the table has them whole)
      const max = window.innerWidth < 640 ? 18 : 34;
      const short = (name) => (name.length > max ? `${name.slice(0, max - 1)}…` : name);
      bars(body, t('tp.chart'), shown.map((tp) => short(tp.name)), shown.map((tp) => ({ value: tp.events || 0,
        itemStyle: { color: tp.status === 'alert' ? '#c77700' : '#0b5cad' } })),
      { horizontal: true, integer: true, fitLabels: true, height: Math.max(160, 60 + 30 * shown.length) });
    }
    const wrap = table([t('tp.touchpoint'), t('tp.kind'), t('tp.owner'), t('tp.output'), t('tp.sources'), t('tp.events'), t('tp.last'),
      t('tp.reached'), t('tp.conversion'), t('tp.status')], shown.map((tp) => [
      [h('strong', {}, tp.name), h('br'), h('code', { class: 'tp-id' }, tp.id)],
      t(`kind.${tp.kind}`), tp.owner, tp.output,
      h('span', { class: 'sources' }, (tp.sources || []).map((src) => h('code', {}, src))),
      num(tp.events, 0), h('span', { class: 'when' }, tp.lastEventAt ? when(tp.lastEventAt) : t('tp.never')), num(tp.customersReached, 0),
      tp.milestone ? [h('span', { class: 'rate' }, pct(tp.conversionRate)), h('br'),
        h('span', { class: 'muted' }, `${num(tp.conversions, 0)} / ${num(tp.customersReached, 0)} → ${tp.milestone}`)]
        : h('span', { class: 'muted' }, t('tp.noMilestone')),
      touchpointStatus(tp)]), [5, 7]);
    wrap.id = 'touchpoints';
    wrap.classList.add('touchpoints');
    wrap.querySelectorAll('tbody tr').forEach((tr, i) => {
      tr.dataset.touchpoint = shown[i].id;
      tr.dataset.status = shown[i].status;
    });
    body.append(wrap);
  });
}

function alerts(root) {
  pageHead(root, 'alerts');
  const f = state.alerts || {};
  const body = h('div', { id: 'content' });
  const kindSel = select('kind', [['', t('f.all')], ...ALERT_KINDS.map((k) => [k, t(`k.${k}`)])], f.kind || '');
  root.append(filterForm([field(t('a.kind'), kindSel)], (values) => { state.alerts = values; route(); }),
    h('div', { class: 'actions' }, csvButton('/insights/alerts', {})), body);
  load(body, '/insights/alerts', {}, (d) => {
    const all = d.alerts || [];
    const shown = all.filter((a) => !f.kind || a.kind === f.kind);
    body.append(h('p', { id: 'count' }, `${shown.length} / ${all.length}`));
    const kinds = ALERT_KINDS;
    chart(body, {
      tooltip: { trigger: 'axis' }, legend: { top: 4, itemGap: 20 },
      grid: { left: 40, right: 16, top: 36, bottom: 44 },
      xAxis: { type: 'category', data: kinds.map((k) => t(`k.${k}`)), axisLabel: { interval: 0, width: 110, overflow: 'break', lineHeight: 15 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: ['warning', 'critical'].map((s) => ({ name: t(`sev.${s}`), type: 'bar', stack: 'all',
        itemStyle: { color: s === 'critical' ? '#a4161a' : '#c77700' },
        data: kinds.map((k) => shown.filter((a) => a.kind === k && a.severity === s).length) })),
    });
    if (!shown.length) { body.append(h('p', { class: 'message info' }, t('a.none'))); return; }
    body.append(table([t('a.severity'), t('a.kind'), t('a.message'), t('a.at'), t('a.details')], shown.map((a) => [
      h('span', { class: `badge ${a.severity}` }, t(`sev.${a.severity}`)), t(`k.${a.kind}`),
      a.details?.touchpoint ? [pick(a.message), ' ', h('a', { href: '#/touchpoints', 'data-touchpoint': a.details.touchpoint }, `${t('a.open')} →`)] : pick(a.message),
      when(a.detectedAt), h('code', {}, JSON.stringify(a.details ?? {}))])));
  });
}

// ------------------------------------------------------------------ shell
const VIEWS = { overview, heatmap, journeys, customer, experiments, base, touchpoints, alerts };
function currentView() {
  const [, name, arg] = (location.hash.match(/^#\/([a-z]+)(?:\/(.*))?$/) || []);
  return VIEWS[name] ? { name, arg: arg === undefined ? undefined : decodeURIComponent(arg) } : { name: 'overview' };
}
function renderChrome() {
  document.documentElement.lang = lang;
  document.getElementById('brand-sub').textContent = t('subtitle');
  document.querySelector('.skip').textContent = t('skip');
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', t('sections'));
  const { name } = currentView();
  nav.replaceChildren(...Object.keys(VIEWS).map((v) => h('a', { href: `#/${v}`, 'data-view': v, 'aria-current': v === name ? 'page' : null }, t(`nav.${v}`))));
  for (const b of document.querySelectorAll('.lang button')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
}
function route() {
  disposeCharts();
  renderChrome();
  const main = document.getElementById('main');
  main.replaceChildren();
  const { name, arg } = currentView();
  document.title = `${t(`nav.${name}`)} · Attimo`;
  try {
    VIEWS[name](main, arg);
  } catch (e) {
    main.append(errorBox(e, name));
  }
}
for (const b of document.querySelectorAll('.lang button')) {
  b.addEventListener('click', () => { lang = b.dataset.lang; localStorage.setItem('attimo.lang', lang); route(); });
}
window.addEventListener('hashchange', route);
window.addEventListener('unhandledrejection', (ev) => {
  ev.preventDefault();
  document.getElementById('main').append(errorBox(ev.reason, 'app'));
});
if (document.readyState === 'complete' || window.echarts) route();
else window.addEventListener('load', route);
