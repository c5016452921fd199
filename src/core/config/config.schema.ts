import { z } from 'zod';

/** Whether Intl knows the zone (`Europe/Paris`, `America/Martinique`). */
function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** ANSM's download address of the BDPM files (its "téléchargement" page links each file under it). */
export const ANSM_BDPM_URL = 'https://base-donnees-publique.medicaments.gouv.fr/download/file/';

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const rppsSchema = z.string().regex(/^\d{11}$/);

const scannerSchema = z
  .object({
    id: z.string().min(1),
    driver: z.enum(['serial', 'hid', 'sim']),
    /** Device profile name from devices/profiles. */
    profile: z.string().min(1).default('generic-serial-cr'),
    /** Serial port path (serial driver). */
    path: z.string().optional(),
    vendorId: z.number().int().optional(),
    productId: z.number().int().optional(),
    fnc1Replacement: z.string().max(1).optional(),
    layout: z.enum(['fr-azerty', 'us-qwerty', 'auto']).optional(),
  })
  .strict();

const terminalSchema = z
  .object({
    id: idSchema,
    scanners: z.array(scannerSchema).default([]),
    vitale: z
      .object({ driver: z.enum(['pcsc', 'sim', 'none']).default('none'), reader: z.string().optional() })
      .strict()
      .default({ driver: 'none' }),
    /** RPPS of the staff member at this terminal until the LGO or the page sets another (in `staff`). */
    operator: rppsSchema.optional(),
  })
  .strict();

/** `[pharmacy/]terminal:role:token` (API.md § Conventions); an `lgo` token names every terminal: `*`. */
const tokenSchema = z
  .object({
    pharmacy: idSchema.optional(),
    terminal: z.union([idSchema, z.literal('*')]),
    role: z.enum(['counter', 'back-office', 'lgo']),
    token: z.string().min(8),
  })
  .strict()
  .refine((t) => (t.terminal === '*') === (t.role === 'lgo'), {
    message: 'an lgo token names every terminal (*), and only an lgo token does',
  });

/** The pharmacy's staff registry, seeded from here (rows already in the database are left alone). */
const staffSchema = z
  .object({
    rpps: rppsSchema,
    lastName: z.string().min(1).max(100),
    firstName: z.string().min(1).max(100),
    role: z.enum(['pharmacien', 'preparateur']),
    /** Personal code typed at the counter page (at least 6 digits); stored hashed. */
    code: z
      .string()
      .regex(/^\d{6,32}$/)
      .optional(),
  })
  .strict();

const pharmacyFields = z.object({
  /** Names the pharmacy in tokens (`pharmacy/terminal:role:token`) and on every row it owns. */
  id: idSchema.default('default'),
  finess: z.string().regex(/^\d{9}$/),
  am: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  name: z.string().default(''),
  /** IANA zone of the pharmacy's calendar day; default `TZ`, else Europe/Paris (API.md § Running). */
  timeZone: z.string().refine(validTimeZone, { message: 'not an IANA time zone' }).optional(),
});

/** One pharmacy of `pharmacies:`: its identity, its terminals, and the staff seeding its registry. */
const pharmacySchema = pharmacyFields
  .extend({
    id: idSchema,
    terminals: z.array(terminalSchema).default([]),
    staff: z.array(staffSchema).default([]),
  })
  .strict();

/** What a configuration without `pharmacy` nor `pharmacies` serves (development, the CLI tools). */
const PLACEHOLDER_PHARMACY = { id: 'default', finess: '000000000', name: '' };

const configInput = z
  .object({
    env: z.enum(['sandbox', 'test', 'production', 'development']),
    server: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(3000),
        bodyLimit: z.string().default('64kb'),
        imageBodyLimit: z.string().default('10mb'),
        /** When not empty, requests whose Host header names another host are refused (DNS rebinding). */
        allowedHosts: z.array(z.string().min(1)).default([]),
      })
      .strict(),
    dataDir: z.string().min(1),
    database: z
      .object({
        file: z.string().min(1).default('comptoir.sqlite'),
        busyTimeoutMs: z.number().int().positive().default(5000),
        /** `postgres://…` (COMPTOIR_DATABASE_URL): PostgreSQL instead of the SQLite file (docs/deployment.md). */
        url: z
          .string()
          .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL')
          .optional(),
        /** PostgreSQL connections per instance. */
        poolSize: z.number().int().min(2).max(200).default(10),
      })
      .strict(),
    log: z
      .object({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
        /** Raw scan bytes appear in debug logs only when this is on, and redacted even then. */
        rawScans: z.boolean().default(false),
        /** Human-readable lines (pino-pretty) instead of JSON lines. */
        pretty: z.boolean().default(false),
      })
      .strict(),
    auth: z
      .object({
        tokens: z.array(tokenSchema).default([]),
        /** A page session (cookie) ends after this many minutes without a request. */
        sessionIdleMinutes: z.number().int().min(1).max(1440).default(60),
        /** How often an open event stream checks that its session still lives (logout elsewhere, expiry). */
        sessionCheckMs: z.number().int().min(20).max(60000).default(15000),
        /** Failed logins from one address before it is refused (429) for the rest of the window. */
        loginAttempts: z
          .object({
            max: z.number().int().positive().default(10),
            windowSeconds: z.number().int().positive().default(300),
          })
          .strict()
          .default({ max: 10, windowSeconds: 300 }),
      })
      .strict(),
    teleservice: z
      .object({
        /** Use this teleservice; when absent and sandbox.embedded is on, the bundled sandbox is started. */
        url: z.string().url().optional(),
        timeoutMs: z.number().int().positive().default(5000),
        signer: z.enum(['test-pki', 'pkcs11', 'external']).default('test-pki'),
        /**
         * `signer: pkcs11`: the module and the labels of the card (or HSM) token and key; the PIN is read
         * from the environment variable `pinEnv` or the file `pinFile`, never from this file (a `pin` key
         * is refused). `structure`: the structure certificate that signs the outbox's unattended calls.
         */
        pkcs11: z
          .object({
            module: z.string().min(1),
            tokenLabel: z.string().min(1),
            keyLabel: z.string().min(1),
            pinEnv: z.string().default('COMPTOIR_PKCS11_PIN'),
            pinFile: z.string().optional(),
            structure: z
              .object({
                module: z.string().min(1).optional(),
                tokenLabel: z.string().min(1),
                keyLabel: z.string().min(1),
                pinEnv: z.string().default('COMPTOIR_PKCS11_STRUCTURE_PIN'),
                pinFile: z.string().optional(),
              })
              .strict()
              .optional(),
          })
          .strict()
          .optional(),
        /**
         * Degraded mode (API.md § Dispensations): a dispensation opened without the teleservice whose
         * prescription is still not retrieved after this many hours becomes `paper`; how often the
         * teleservice is tried again for such dispensations.
         */
        degradedWindowHours: z
          .number()
          .positive()
          .max(24 * 30)
          .default(72),
        degradedCheckMs: z.number().int().min(20).max(3_600_000).default(30_000),
        /** Consecutive transport failures that open the circuit, and how long it stays open. */
        breaker: z
          .object({
            failureThreshold: z.number().int().positive().default(5),
            cooldownMs: z.number().int().positive().default(30000),
          })
          .strict()
          .default({ failureThreshold: 5, cooldownMs: 30000 }),
      })
      .strict(),
    sandbox: z
      .object({
        /** Start the bundled teleservice sandbox in-process (sandbox mode). */
        embedded: z.boolean().default(false),
        port: z.number().int().min(0).max(65535).default(8089),
        /** Enables sandbox-only endpoints such as POST /api/v1/devices/:id/simulate. */
        simulation: z.boolean().default(false),
      })
      .strict(),
    /** One pharmacy (the one-PC deployment): a one-element `pharmacies` with the top-level terminals and staff. */
    pharmacy: pharmacyFields.strict().optional(),
    /** Several pharmacies served by one deployment (docs/deployment.md § Many pharmacies). */
    pharmacies: z.array(pharmacySchema).min(1).optional(),
    software: z.object({ id: z.string(), name: z.string(), version: z.string() }).strict(),
    scan: z
      .object({
        /** Largest accepted scan payload, in characters. */
        maxLength: z.number().int().positive().default(4096),
        /** Worker threads decoding pictures (docs/scanning.md § Codes from images). */
        imageWorkers: z.number().int().min(1).max(2).default(1),
        /** Pictures waiting for a worker; one more is refused with 503 IMAGE_BUSY. */
        imageQueue: z.number().int().min(0).max(64).default(4),
      })
      .strict(),
    /** The outbox dispatcher (src/execution): delivery of execution-kind calls to the teleservice. */
    execution: z
      .object({
        /** Prescriptions delivered at the same time (one call in flight per prescription). */
        concurrency: z.number().int().positive().default(8),
        /** Calls started per second toward the teleservice; 0 = no limit. */
        rateLimitPerSecond: z.number().min(0).default(200),
        /** How often due rows are looked for when nothing wakes the dispatcher. */
        pollMs: z.number().int().positive().default(50),
        /** Capped exponential backoff with jitter between attempts after a transient error. */
        backoffMs: z
          .object({
            min: z.number().int().positive().default(200),
            max: z.number().int().positive().default(60000),
          })
          .strict()
          .default({ min: 200, max: 60000 }),
      })
      .strict()
      .default({ concurrency: 8, rateLimitPerSecond: 200, pollMs: 50, backoffMs: { min: 200, max: 60000 } }),
    /** Webhooks to the LGO (docs/integration.md § Webhooks): how deliveries are attempted. */
    webhooks: z
      .object({
        /** How often due deliveries are looked for. */
        pollMs: z.number().int().positive().default(250),
        /** How long a receiver may take to answer one delivery. */
        timeoutMs: z.number().int().positive().default(10000),
        /** Capped exponential backoff between the attempts of one delivery. */
        backoffMs: z
          .object({
            min: z.number().int().positive().default(1000),
            max: z.number().int().positive().default(600000),
          })
          .strict()
          .default({ min: 1000, max: 600000 }),
      })
      .strict()
      .default({ pollMs: 250, timeoutMs: 10000, backoffMs: { min: 1000, max: 600000 } }),
    /**
     * Execution reports for the complementary insurers (« continuité de service OCT », docs/execution.md):
     * `none`, a `directory` (a JSON and a PDF per report), or `http` (a POST signed like the webhooks, the
     * secret read from the environment variable `secretEnv`).
     */
    oct: z
      .object({
        adapter: z.enum(['none', 'directory', 'http']).default('none'),
        /** `directory`: where reports are written (default `<dataDir>/oct-reports`). */
        directory: z.string().min(1).optional(),
        /** `http`: the receiver's URL. */
        url: z.string().url().optional(),
        secretEnv: z
          .string()
          .regex(/^[A-Z_][A-Z0-9_]*$/)
          .default('COMPTOIR_OCT_SECRET'),
        timeoutMs: z.number().int().positive().default(5000),
        pollMs: z.number().int().min(10).default(1000),
        backoffMs: z
          .object({
            min: z.number().int().positive().default(1000),
            max: z.number().int().positive().default(600_000),
          })
          .strict()
          .default({ min: 1000, max: 600_000 }),
      })
      .strict()
      .superRefine((o, ctx) => {
        if (o.adapter === 'http' && !o.url)
          ctx.addIssue({ code: 'custom', path: ['url'], message: 'oct.adapter http needs oct.url' });
      })
      .default({
        adapter: 'none',
        secretEnv: 'COMPTOIR_OCT_SECRET',
        timeoutMs: 5000,
        pollMs: 1000,
        backoffMs: { min: 1000, max: 600_000 },
      }),
    /** The medicines referential's download (`npm run referential:update`) and optional daily refresh. */
    referential: z
      .object({
        /** Where the BDPM files are downloaded from: a folder URL, `<url><file name>` being each file. */
        url: z.string().url().default(ANSM_BDPM_URL),
        downloadTimeoutMs: z.number().int().positive().default(120_000),
        /** Download and import the BDPM once a day inside the service. */
        dailyRefresh: z.boolean().default(false),
        /** Local time (HH:MM) of the daily refresh: when the counter is closed. */
        refreshAt: z
          .string()
          .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM')
          .default('04:30'),
      })
      .strict()
      .default({ url: ANSM_BDPM_URL, downloadTimeoutMs: 120_000, dailyRefresh: false, refreshAt: '04:30' }),
    /** Server-Sent Events are rows (docs/data.md): how long they are kept for clients that reconnect. */
    events: z
      .object({ retentionMinutes: z.number().int().min(5).max(525600).default(1440) })
      .strict()
      .default({ retentionMinutes: 1440 }),
    terminals: z.array(terminalSchema).default([]),
    staff: z.array(staffSchema).default([]),
  })
  .strict();

export type PharmacyConfig = z.infer<typeof pharmacySchema>;

/**
 * The configuration as the service reads it: `pharmacies` always (a single `pharmacy:` block becomes a
 * one-element list holding the top-level `terminals` and `staff`), and `terminals` every pharmacy's,
 * each naming its pharmacy. Terminal ids are unique across the deployment (devices and streams name them).
 */
export const configSchema = configInput.transform((c, ctx) => {
  const { pharmacy, pharmacies: listed, terminals: topTerminals, staff: topStaff, ...rest } = c;
  let pharmacies: PharmacyConfig[];
  if (listed) {
    if (pharmacy)
      ctx.addIssue({ code: 'custom', path: ['pharmacy'], message: 'give pharmacy or pharmacies, not both' });
    if (topTerminals.length > 0 || topStaff.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: [topTerminals.length > 0 ? 'terminals' : 'staff'],
        message: 'with pharmacies, terminals and staff are listed under each pharmacy',
      });
    }
    pharmacies = listed;
  } else {
    const one = pharmacyFields.parse(pharmacy ?? PLACEHOLDER_PHARMACY);
    pharmacies = [{ ...one, terminals: topTerminals, staff: topStaff }];
  }
  const ids = new Map<string, number>();
  const terminalOwner = new Map<string, string>();
  pharmacies.forEach((p, i) => {
    if (ids.has(p.id))
      ctx.addIssue({
        code: 'custom',
        path: ['pharmacies', i, 'id'],
        message: `pharmacy ${p.id} is listed twice`,
      });
    ids.set(p.id, i);
    const where = (k: string | number, ...more: (string | number)[]) =>
      listed ? ['pharmacies', i, 'terminals', k, ...more] : ['terminals', k, ...more];
    const staff = new Set(p.staff.map((s) => s.rpps));
    p.terminals.forEach((t, j) => {
      const other = terminalOwner.get(t.id);
      if (other !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: where(j, 'id'),
          message: `terminal ${t.id} is already pharmacy ${other}'s`,
        });
      }
      terminalOwner.set(t.id, p.id);
      if (t.operator !== undefined && !staff.has(t.operator)) {
        ctx.addIssue({
          code: 'custom',
          path: where(j, 'operator'),
          message: `${t.operator} is not in staff`,
        });
      }
    });
  });
  rest.auth.tokens.forEach((t, i) => {
    const path = ['auth', 'tokens', i];
    if (t.pharmacy === undefined && pharmacies.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `name the pharmacy (pharmacy/${t.terminal}:${t.role}:…): ${pharmacies.length} pharmacies are configured`,
      });
      return;
    }
    const owner = pharmacies.find((p) => p.id === (t.pharmacy ?? pharmacies[0].id));
    if (!owner) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'pharmacy'],
        message: `no pharmacy ${t.pharmacy} (configured: ${[...ids.keys()].join(', ')})`,
      });
    } else if (
      t.terminal !== '*' &&
      !owner.terminals.some((x) => x.id === t.terminal) &&
      // A single `pharmacy:` block's tokens may name terminals it does not list (as before `pharmacies`).
      (listed || terminalOwner.has(t.terminal))
    ) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'terminal'],
        message: `terminal ${t.terminal} is not one of pharmacy ${owner.id}'s terminals`,
      });
    }
  });
  return {
    ...rest,
    pharmacies,
    terminals: pharmacies.flatMap((p) => p.terminals.map((t) => ({ ...t, pharmacyId: p.id }))),
  };
});

export type AppConfig = z.infer<typeof configSchema>;
export type TerminalConfig = AppConfig['terminals'][number];
export type ScannerConfig = TerminalConfig['scanners'][number];
export type ApiToken = AppConfig['auth']['tokens'][number];
export type StaffConfig = PharmacyConfig['staff'][number];
