// What the counter page draws from a dispensation and its prescription: the lines with their acts, the boxes
// with their issues, and the right action beside each issue. Pure DOM building; the actions are callbacks.
import { el, formatDate, formatDateTime } from './api.js';
import {
  AGREEMENT_CHANNELS,
  CONDITIONAL_TESTS,
  ISSUE,
  LINE_KINDS,
  LINE_STATUS,
  NON_DELIVERY_REASONS,
  RENEWAL_KINDS,
  SEVERITY,
  TEST_RESULTS,
} from './labels.js';

/** Blocking codes the page offers no override for: an act or a removed box fixes them (docs/pages.md). */
const NO_OVERRIDE = new Set([
  'LINE_NOT_ADDRESSED',
  'SECURE_PRESCRIPTION_REQUIRED',
  'TRANSCRIPTION_DIFFERS',
  'PACK_EXPIRED',
  'SERIAL_ALREADY_SCANNED',
  'CONDITION_NOT_MET',
  'PRESCRIPTION_CANCELLED',
]);

const plural = (n, one, many = `${one}s`) => `${n} ${n > 1 ? many : one}`;

export function productLabel(line) {
  const p = line.prescribed?.product ?? {};
  if (p.label) return p.label;
  if (p.dc) return [p.dc.substance, p.dc.strength, p.dc.form].filter(Boolean).join(' ');
  return p.cip13 || p.cis || p.lpp || p.code || `Ligne ${line.lineId}`;
}

export const packLabel = (p) => p.label || p.cip13 || p.code || 'Boîte';

function prescribedQuantity(q) {
  if (!q) return undefined;
  if (q.boxes) return plural(q.boxes, 'boîte');
  if (q.units) return plural(q.units, 'unité');
  return undefined;
}

/** What the prescriber wrote besides the product: mentions, renewals, conditions. */
function mentions(line) {
  const p = line.prescribed ?? {};
  const out = [];
  if (p.kind && p.kind !== 'medication') out.push(LINE_KINDS[p.kind]);
  if (p.nonSubstitutable) out.push(`Non substituable (${p.nonSubstitutable})`);
  if (p.conditional) {
    const days = p.conditional.validityDays ? `, sous ${p.conditional.validityDays} jours` : '';
    out.push(`Si ${CONDITIONAL_TESTS[p.conditional.test]} positif${days}`);
  }
  if (p.renewals) out.push(`À renouveler ${p.renewals} fois`);
  if (p.pharmacistRenewalAuthorized) out.push('Renouvellement par le pharmacien autorisé');
  if (p.posologyAdjustmentAuthorized) out.push('Adaptation de posologie autorisée');
  if (p.ald) out.push('ALD');
  if (p.secure) out.push('Ordonnance sécurisée');
  return out;
}

/** What was already delivered on this line, here and at other pharmacies (the prescription's record). */
function deliveredBefore(line, prescriptionLine) {
  const out = [];
  const here = prescriptionLine?.deliveredHere ?? 0;
  if (here) out.push(`Déjà délivré ici : ${plural(here, 'boîte')}`);
  for (const e of prescriptionLine?.deliveredElsewhere ?? []) {
    const who =
      e.pharmacy?.name || (e.pharmacy?.finess ? `FINESS ${e.pharmacy.finess}` : 'une autre pharmacie');
    out.push(`Délivré ailleurs : ${plural(e.quantity, 'boîte')} le ${formatDate(e.date)} (${who})`);
  }
  return out.map((text) => el('div', { class: 'hint delivered-before', text }));
}

function agreementText(a) {
  if (!a) return '';
  return ` · accord du prescripteur ${a.obtained ? 'obtenu' : 'refusé'} (${AGREEMENT_CHANNELS[a.channel] ?? 'autre'})`;
}

/** The acts in force on a line, each with « Annuler » while the dispensation is open. */
function lineActs(line, ctx) {
  const items = [];
  const name = productLabel(line);
  const cancel = (path, actId, what) =>
    ctx.open
      ? el('button', {
          type: 'button',
          class: 'small link',
          text: 'Annuler',
          'aria-label': `Annuler ${what} sur ${name}`,
          onclick: () => ctx.on.cancelAct(line, path, actId),
        })
      : null;
  for (const i of line.interventions ?? []) {
    const text = `Intervention : ${ctx.sfpc.problem(i.problemCode)} → ${ctx.sfpc.intervention(i.interventionCode)}${agreementText(i.prescriberAgreement)}${i.comment ? ` — ${i.comment}` : ''}`;
    items.push(['intervention', text, cancel('interventions', i.actId, 'l’intervention')]);
  }
  const c = line.conditional;
  if (c) {
    const findings = c.findings
      ? ` (nitrites ${TEST_RESULTS[c.findings.nitrites].toLowerCase()}, leucocytes ${TEST_RESULTS[c.findings.leucocytes].toLowerCase()})`
      : '';
    const text = `${CONDITIONAL_TESTS[c.test]} : ${TEST_RESULTS[c.result].toLowerCase()}${findings}, le ${formatDateTime(c.performedAt)}`;
    items.push(['conditional', text, cancel('conditional', c.actId, 'le résultat du test')]);
  }
  if (line.nonDelivery) {
    const n = line.nonDelivery;
    const text = `Non délivrée : ${NON_DELIVERY_REASONS[n.reason] ?? 'autre motif'}${n.comment ? ` — ${n.comment}` : ''}`;
    items.push(['non-delivery', text, cancel('non-delivery', n.actId, 'la non-délivrance')]);
  }
  if (line.renewal) {
    const r = line.renewal;
    const text = `${RENEWAL_KINDS[r.kind]}${r.durationDays ? ` : ${r.durationDays} jours` : ''}${r.posology ? ` — posologie : ${r.posology}` : ''}`;
    items.push(['renewal', text, cancel('renewal', r.actId, 'le renouvellement')]);
  }
  for (const m of line.manualDeliveries ?? []) {
    const text = `Délivrance manuelle : ${m.quantity}${m.comment ? ` — ${m.comment}` : ''}`;
    const button = ctx.open
      ? el('button', {
          type: 'button',
          class: 'small link',
          text: 'Annuler',
          'aria-label': `Annuler la délivrance manuelle sur ${name}`,
          onclick: () => ctx.on.cancelManual(line, m.deliveryId),
        })
      : null;
    items.push(['manual', text, button]);
  }
  if (line.patientRefusedGeneric) items.push(['flag', 'Refus du générique par le patient', null]);
  if (line.mtePh) items.push(['flag', 'Non substituable MTE-PH (choix du pharmacien)', null]);
  if (line.prescriberInformed) {
    const p = line.prescriberInformed;
    items.push([
      'flag',
      `Prescripteur informé le ${formatDateTime(p.at)} (${AGREEMENT_CHANNELS[p.channel] ?? 'autre'})`,
      null,
    ]);
  }
  if (!items.length) return null;
  return el(
    'ul',
    { class: 'acts', 'aria-label': `Actes enregistrés sur ${name}` },
    items.map(([kind, text, button]) =>
      el('li', { 'data-act': kind }, el('span', { text }), button ? ' ' : null, button),
    ),
  );
}

/** One issue: its label, the server's French message, and the actions that fix it. */
export function issueItem(issue, where, ctx) {
  const label = ISSUE[issue.code] ?? 'Alerte';
  const overridden = Boolean(issue.overridden);
  const actions = [];
  if (ctx.open && !overridden && issue.severity === 'blocking') {
    for (const a of fixesFor(issue, where, ctx)) actions.push(a);
    if (!NO_OVERRIDE.has(issue.code)) {
      actions.push(
        el('button', {
          type: 'button',
          class: 'small',
          disabled: !ctx.pharmacien,
          title: ctx.pharmacien ? undefined : 'Réservé au pharmacien',
          'aria-label': `Passer outre : ${label}${ctx.pharmacien ? '' : ' (réservé au pharmacien)'}`,
          text: 'Passer outre',
          onclick: () => ctx.on.act('override', { issue, lineId: where.line?.lineId, label }),
        }),
      );
    }
  }
  return el(
    'li',
    { class: `issue ${overridden ? 'overridden' : issue.severity}`, 'data-code': issue.code },
    el('span', { class: 'sev', text: overridden ? 'Levée' : (SEVERITY[issue.severity] ?? 'Alerte') }),
    ' ',
    el('span', { class: 'issue-label', text: label }),
    issue.message ? el('span', { class: 'hint', text: ` — ${issue.message}` }) : null,
    overridden ? el('span', { class: 'hint', text: ` — justification : ${issue.overridden.reason}` }) : null,
    actions.length ? el('span', { class: 'issue-actions' }, actions) : null,
  );
}

/** The act that fixes an issue, placed beside it (an override is the last resort, offered after). */
function fixesFor(issue, where, ctx) {
  const line = where.line;
  const name = line ? productLabel(line) : '';
  const button = (text, aria, onclick) =>
    el('button', { type: 'button', class: 'small', text, 'aria-label': aria, onclick });
  // A box's own actions (« Retirer », « Affecter à une ligne ») sit in its card, beside its issues.
  if (where.pack) return [];
  if (!line) return [];
  if (
    issue.code === 'CONDITION_NOT_MET' &&
    line.prescribed?.conditional &&
    issue.details?.reason !== 'negative-result'
  )
    return [
      button('Résultat du test', `Résultat du test de ${name}`, () => ctx.on.act('conditional', { line })),
    ];
  if (issue.code === 'LINE_NOT_ADDRESSED') {
    const out = [];
    if (line.prescribed?.kind !== 'medication')
      out.push(
        button('Délivrance manuelle', `Délivrance manuelle de ${name}`, () => ctx.on.act('manual', { line })),
      );
    out.push(
      button('Non-délivrance', `Non-délivrance de ${name}`, () => ctx.on.act('non-delivery', { line })),
    );
    return out;
  }
  if (issue.code === 'PRESCRIPTION_EXPIRED' || issue.code === 'PRESCRIPTION_FULLY_EXECUTED')
    return [
      button('Dispensation exceptionnelle', `Dispensation exceptionnelle de ${name}`, () =>
        ctx.on.act('renewal', { line, kind: 'exceptional-dispensation' }),
      ),
    ];
  if (issue.code === 'RENEWAL_TOO_EARLY' && line.prescribed?.pharmacistRenewalAuthorized)
    return [button('Renouvellement', `Renouvellement de ${name}`, () => ctx.on.act('renewal', { line }))];
  return [];
}

/** The buttons of a line: the act it most likely needs first, the others behind « Autres actes ». */
function lineActions(line, ctx) {
  const name = productLabel(line);
  const kind = line.prescribed?.kind ?? 'medication';
  const open = ctx.open;
  const button = (text, act, extra = {}) =>
    el('button', {
      type: 'button',
      class: 'small',
      disabled: !open,
      text,
      'aria-label': `${text} : ${name}`,
      onclick: () => ctx.on.act(act, { line, ...extra }),
    });
  const first = [];
  if (line.prescribed?.conditional && !line.conditional)
    first.push(button('Résultat du test', 'conditional'));
  if (kind !== 'medication') first.push(button('Délivrance manuelle', 'manual'));
  const flag = (key, text) => {
    const id = `${key}-${line.lineId}`;
    return el(
      'div',
      { class: 'check' },
      el('input', {
        type: 'checkbox',
        id,
        checked: Boolean(line[key]),
        disabled: !open,
        'aria-label': `${text} : ${name}`,
        onchange: (e) => ctx.on.setFlag(line, key, e.target.checked, e.target),
      }),
      el('label', { for: id, text }),
    );
  };
  const more = [
    button('Intervention', 'intervention'),
    button('Non-délivrance', 'non-delivery'),
    button('Renouvellement', 'renewal'),
  ];
  if (line.prescribed?.conditional && line.conditional)
    more.unshift(button('Résultat du test', 'conditional'));
  if (kind === 'medication') {
    more.push(flag('patientRefusedGeneric', 'Refus du générique'));
    more.push(flag('mtePh', 'Non substituable MTE-PH'));
  }
  if (line.mtePh || line.renewal?.kind === 'exceptional-dispensation')
    more.push(button('Prescripteur informé', 'informed'));
  return el(
    'div',
    { class: 'line-actions' },
    first,
    el(
      'details',
      {
        class: 'more',
        open: ctx.openMore.has(line.lineId),
        ontoggle: (e) => ctx.openMore[e.target.open ? 'add' : 'delete'](line.lineId),
      },
      el('summary', { text: 'Autres actes', 'aria-label': `Autres actes : ${name}` }),
      el('div', { class: 'more-body' }, more),
    ),
  );
}

function boxesCell(line, r) {
  const expected = r.expectedBoxes;
  const prescribed = prescribedQuantity(line.prescribed?.quantity);
  const manual = (line.manualDeliveries ?? []).reduce((n, m) => n + m.quantity, 0);
  const done = r.dispensedBoxes + (expected === null || expected === undefined ? manual : 0);
  return el(
    'td',
    { class: 'num' },
    el('span', {
      class: 'boxes',
      text: expected === null || expected === undefined ? `${done}` : `${done} / ${expected}`,
    }),
    expected === null || expected === undefined
      ? el('div', { class: 'hint', text: prescribed ? `prescrit : ${prescribed}` : 'quantité non chiffrée' })
      : null,
  );
}

/** One table row per prescription line. */
export function lineRows(d, prescription, ctx) {
  return d.lines.map((line) => {
    const r = line.reconciliation;
    const prescriptionLine = prescription?.lines?.find((l) => l.lineId === line.lineId);
    const own = r.issues.filter((i) => !i.details?.packId);
    return el(
      'tr',
      { 'data-line-id': line.lineId, 'data-line-status': r.status },
      el(
        'td',
        {},
        el('strong', { text: productLabel(line) }),
        line.prescribed?.posology?.text
          ? el('div', { class: 'hint', text: line.prescribed.posology.text })
          : null,
        mentions(line).length ? el('div', { class: 'mentions', text: mentions(line).join(' · ') }) : null,
        deliveredBefore(line, prescriptionLine),
        lineActs(line, ctx),
      ),
      boxesCell(line, r),
      el('td', {}, el('span', { class: `badge ${r.status}`, text: LINE_STATUS[r.status] ?? 'Inconnu' })),
      el(
        'td',
        {},
        el(
          'ul',
          { class: 'issues' },
          own.map((i) => issueItem(i, { line }, ctx)),
        ),
      ),
      el('td', {}, lineActions(line, ctx)),
    );
  });
}

/** Every box of the dispensation with its lot, serial and expiry, and the issues that concern it. */
export function packItems(d, ctx) {
  const all = [
    ...d.lines.flatMap((l) => l.packs.map((p) => ({ pack: p, line: l }))),
    ...(d.unassignedPacks ?? []).map((p) => ({ pack: p, line: undefined })),
  ];
  const issuesOf = (packId) =>
    [
      ...d.lines.flatMap((l) => l.reconciliation.issues.map((i) => [i, l])),
      ...d.issues.map((i) => [i, undefined]),
    ].filter(([i]) => i.details?.packId === packId);
  return all.map(({ pack: p, line }) => {
    const facts = [
      p.lot && `lot ${p.lot}`,
      p.serial && `série ${p.serial}`,
      p.expiry && `exp. ${formatDate(p.expiry)}`,
      p.quantity > 1 && `× ${p.quantity}`,
    ].filter(Boolean);
    const issues = issuesOf(p.packId);
    return el(
      'li',
      {
        'data-pack-id': p.packId,
        class: issues.some(([i]) => i.severity === 'blocking' && !i.overridden) ? 'has-blocking' : '',
      },
      el('span', { class: 'pack-label', text: packLabel(p) }),
      el('span', { class: 'hint', text: facts.join(' · ') }),
      el('span', { class: 'hint', text: line ? `Ligne : ${productLabel(line)}` : 'Hors ligne' }),
      issues.length
        ? el(
            'ul',
            { class: 'issues' },
            issues.map(([i, l]) => issueItem(i, { pack: p, line: l }, ctx)),
          )
        : null,
      el(
        'div',
        { class: 'pack-actions' },
        issues.some(([i]) => i.code === 'PRICE_UNKNOWN')
          ? el('button', {
              type: 'button',
              class: 'small',
              disabled: !ctx.open,
              text: 'Saisir le prix',
              'aria-label': `Saisir le prix de la boîte ${packLabel(p)}`,
              onclick: () => ctx.on.act('price', { pack: p }),
            })
          : null,
        el('button', {
          type: 'button',
          class: 'small',
          disabled: !ctx.open,
          text: 'Retirer',
          'aria-label': `Retirer la boîte ${packLabel(p)}`,
          onclick: () => ctx.on.removePack(p.packId),
        }),
        line && d.lines.length < 2
          ? null
          : el('button', {
              type: 'button',
              class: 'small',
              disabled: !ctx.open,
              text: line ? 'Changer de ligne' : 'Affecter à une ligne',
              'aria-label': `Affecter la boîte ${packLabel(p)} à une ligne`,
              onclick: () => ctx.on.act('assign', { pack: p }),
            }),
      ),
    );
  });
}

/** The deliveries the teleservice has recorded on the prescription, by every pharmacy. */
export function historyItems(prescription) {
  return (prescription?.executions ?? [])
    .filter((e) => e.kind === 'execution')
    .map((e) => {
      const who = e.pharmacy?.name || (e.pharmacy?.finess ? `FINESS ${e.pharmacy.finess}` : 'pharmacie');
      const boxes = (e.lines ?? []).reduce((n, l) => n + l.quantity, 0);
      return el('li', {
        text: `${formatDate(e.date)} — ${who} — ${plural(boxes, 'boîte')}${e.cancelled ? ' (annulée)' : ''}`,
      });
    });
}

/** « Délivrance initiale », « Renouvellement n° 2 ». */
export const renewalText = (n) => (n > 0 ? `Renouvellement n° ${n}` : 'Délivrance initiale');
