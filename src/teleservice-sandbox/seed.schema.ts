import { z } from 'zod';
import type { PharmacyRef, PrescriptionSeed } from '../prescription/teleservice/teleservice.types';

const digits = (n: number, what: string) =>
  z.string().regex(new RegExp(`^\\d{${n}}$`), `${what}: ${n} digits`);
const rpps = digits(11, 'RPPS');
const nine = (what: string) => digits(9, what);
const date = z.iso.date();
const count = z.number().int().min(0);

const product = z
  .object({
    cis: digits(8, 'CIS').optional(),
    cip13: digits(13, 'CIP13').optional(),
    dc: z
      .object({ substance: z.string().min(1), strength: z.string().optional(), form: z.string().optional() })
      .strict()
      .optional(),
    lpp: z
      .string()
      .regex(/^\d{7}$/, 'LPP code: 7 digits')
      .optional(),
    code: z
      .string()
      .regex(/^\d{13}$/, 'box code (ACL13 / EAN-13): 13 digits')
      .optional(),
    label: z.string().min(1).optional(),
  })
  .strict();

const line = z
  .object({
    lineId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/, 'lineId: 1-32 letters, digits, - or _')
      .optional(),
    kind: z.enum(['medication', 'device', 'magistral']),
    product,
    posology: z.object({ text: z.string().min(1), unitsPerDay: z.number().min(0).optional() }).strict(),
    quantity: z
      .object({ boxes: count.optional(), units: z.number().min(0).optional() })
      .strict()
      .optional(),
    durationDays: z.number().int().min(1).optional(),
    renewals: count.max(12).optional(),
    nonSubstitutable: z.enum(['MTE', 'EFG', 'CIF']).optional(),
    singleDelivery: z.boolean().optional(),
    overlapAllowed: z.boolean().optional(),
    ald: z.boolean().optional(),
    secure: z.boolean().optional(),
    exception: z.boolean().optional(),
    conditional: z
      .object({
        test: z.enum(['trod-angine', 'bu-cystite']),
        validityDays: z.number().int().min(1).optional(),
      })
      .strict()
      .optional(),
    pharmacistRenewalAuthorized: z.boolean().optional(),
    posologyAdjustmentAuthorized: z.boolean().optional(),
  })
  .strict()
  .superRefine((l, ctx) => {
    const p = l.product;
    const named =
      l.kind === 'medication'
        ? Boolean(p.cis || p.cip13 || p.dc)
        : l.kind === 'device'
          ? Boolean(p.lpp || p.code)
          : Boolean(p.label);
    const needs = { medication: 'cis, cip13 or dc', device: 'lpp or code', magistral: 'label' }[l.kind];
    if (!named)
      ctx.addIssue({
        code: 'custom',
        path: ['product'],
        message: `a ${l.kind} line names its product by ${needs}`,
      });
  });

export const seedSchema = z
  .object({
    prescriptionId: z
      .string()
      .regex(/^[A-Za-z0-9]{1,64}$/, 'prescriptionId: 1-64 letters or digits')
      .optional(),
    createdAt: date.optional(),
    expiresAt: date.optional(),
    prescriber: z
      .object({
        rpps,
        am: nine('AM number').optional(),
        finess: nine('FINESS').optional(),
        replacementRpps: rpps.optional(),
        lastName: z.string().optional(),
        firstName: z.string().optional(),
        specialty: z.string().optional(),
      })
      .strict(),
    patient: z
      .object({
        lastName: z.string().min(1),
        firstName: z.string().min(1),
        birthDate: date,
        ins: z
          .object({
            matricule: z.string().regex(/^[0-9AB]{13,15}$/, 'INS matricule: 13 to 15 characters'),
            oid: z.string().min(1),
          })
          .strict()
          .optional(),
      })
      .strict(),
    consentExecutionView: z.boolean().optional(),
    lines: z.array(line).min(1, 'a prescription has at least one line').max(50),
  })
  .strict()
  .superRefine((s, ctx) => {
    const ids = s.lines.map((l) => l.lineId).filter((id) => id !== undefined);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', path: ['lines'], message: 'lineId values must be unique' });
  });

const pharmacy = z.union([
  z.string().min(1),
  z
    .object({
      finess: nine('FINESS').optional(),
      am: nine('AM number').optional(),
      name: z.string().optional(),
    })
    .strict()
    .refine((p) => p.finess || p.am || p.name, 'pharmacy needs a finess, am or name'),
]);

export const foreignExecutionSchema = z
  .object({
    pharmacy,
    lines: z.array(z.object({ lineId: z.string().min(1), quantity: count }).strict()).min(1),
    date,
  })
  .strict();

/** `POST /sandbox/prescriptions/:id/status`: as the prescriber (cancelled) or the base (expired) sets it. */
export const statusSchema = z.object({ status: z.enum(['cancelled', 'expired']) }).strict();

export const faultsSchema = z
  .object({
    mode: z.enum(['latency', 'timeout', 'reset', 'malformed', 'http500', 'soap-fault', 'none']),
    rate: z.number().min(0).max(1).default(1),
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    seed: z.number().int().optional(),
  })
  .strict();

/** Validation outcome with a one-line message naming each bad field. */
export function validate<T>(
  schema: z.ZodType<T>,
  body: unknown,
): { ok: true; value: T } | { ok: false; message: string } {
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, value: result.data };
  const message = result.error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`)
    .join('; ');
  return { ok: false, message };
}

/** A pharmacy given as a string: 9 digits is a FINESS, anything else a name. */
export function toPharmacyRef(value: string | PharmacyRef): PharmacyRef {
  if (typeof value !== 'string') return value;
  return /^\d{9}$/.test(value) ? { finess: value } : { name: value };
}

export type ValidSeed = PrescriptionSeed;
