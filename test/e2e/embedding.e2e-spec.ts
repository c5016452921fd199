import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { sign } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { comptoir } from '../support/api-request';
import type { CardHolderRecord } from '../../devices/vitale/card-holder';
import type { DeviceLogger } from '../../devices/scanner/types';
import {
  CardMiddlewareSigner,
  CardReaderHandlers,
  CardReadersFactory,
  CardReadersPort,
  ComptoirModule,
  MedicinesReferential,
} from '../../src';
import type { MedicineProduct, ReferentialStatus } from '../../src/medicines/medicines.types';
import { loadOrCreateTestPki, TEST_PHARMACIST } from '../../src/prescription/teleservice/security/test-pki';
import { RunningSandbox, startSandbox } from '../../src/teleservice-sandbox/sandbox.server';
import { CounterClient } from '../support/counter-client';
import { TOKENS } from '../support/test-app';
import { until } from '../support/until';

const DOLIPRANE = '3400941533969';

jest.setTimeout(60_000);
const HOST_LABEL = 'DOLIPRANE 1000 mg gélule — fiche de la base LGO';

/** An LGO's own drug database: one product, the label its own. */
class HostDrugDatabase extends MedicinesReferential {
  static lookups: string[] = [];
  private readonly product: MedicineProduct = {
    presentation: {
      cip13: DOLIPRANE,
      cip7: '4153396',
      gtin: `0${DOLIPRANE}`,
      cis: '60234100',
      label: HOST_LABEL,
      status: 'Présentation active',
      marketed: true,
      marketingState: 'Déclaration de commercialisation',
      reimbursementRates: [65],
      pack: { units: 8, unit: 'gélule', confidence: 'high' },
      availability: [],
    },
    speciality: {
      cis: '60234100',
      name: 'DOLIPRANE 1000 mg, gélule',
      form: 'gélule',
      routes: ['orale'],
      authorisationStatus: 'Autorisation active',
      procedure: 'Procédure nationale',
      marketed: true,
      marketingState: 'Commercialisée',
      holders: ['OPELLA HEALTHCARE FRANCE'],
      enhancedMonitoring: false,
      substances: [],
      genericGroups: [],
      conditions: {
        narcotic: false,
        securePrescription: false,
        exception: false,
        restricted: false,
        hospitalOnly: false,
        raw: [],
      },
      availability: [],
    },
  };
  private known = (code: string) => {
    HostDrugDatabase.lookups.push(code);
    return code === DOLIPRANE || code === `0${DOLIPRANE}` ? this.product : undefined;
  };
  findByCip13 = async (cip13: string) => this.known(cip13);
  findByCip7 = async () => undefined;
  findByGtin = async (gtin: string) => this.known(gtin);
  findSpeciality = async (cis: string) => (cis === '60234100' ? this.product.speciality : undefined);
  findPresentations = async (cis: string) => (cis === '60234100' ? [this.product.presentation] : []);
  findGenericGroups = async () => [];
  findGroupAlternatives = async () => [];
  sharedGenericGroup = async () => undefined;
  searchByDc = async () => [];
  matchDc = async () => undefined;
  status = async (): Promise<ReferentialStatus> => ({ source: 'lgo', counts: { presentations: 1 } });
}

/** The LGO's own access to the Carte Vitale readers, standing for PC/SC. */
class HostCardReaders extends CardReadersFactory {
  static port: HostReaderPort;
  pcsc(): CardReadersPort {
    return (HostCardReaders.port = new HostReaderPort());
  }
  sim(_readers: string[], _logger: DeviceLogger): CardReadersPort {
    throw new Error('no simulated readers in this host');
  }
}

class HostReaderPort extends CardReadersPort {
  readonly driver = 'pcsc' as const;
  handlers?: CardReaderHandlers;
  start(handlers: CardReaderHandlers): void {
    this.handlers = handlers;
    handlers.status('connected');
  }
  async close(): Promise<void> {}
  async exchange(): Promise<Buffer[]> {
    return [];
  }
}

const HOLDER: CardHolderRecord = {
  cardType: 'vitale2',
  holder: {
    nir: '1660297123456',
    lastName: 'ESSAI',
    firstNames: ['ALAIN'],
    birthDate: '1966-02-23',
    birthDateKind: 'calendar',
  },
  beneficiaries: [],
};

@Controller('lgo')
class LgoController {
  @Get('ping')
  ping() {
    return { pong: true };
  }
}

/**
 * ComptoirModule.forRoot in an LGO's own Nest application, with the host's ports: its drug database as the
 * referential, its card middleware as the signer (the sandbox checks the assertion it signs), its reader
 * access as the card readers. Each is seen working through Comptoir's public API.
 */
describe('ComptoirModule.forRoot with the host’s own ports', () => {
  let dataDir: string;
  let sandbox: RunningSandbox;
  let app: NestExpressApplication;
  let url: string;
  const signed: number[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'comptoir-embedding-'));
    const pki = loadOrCreateTestPki(join(dataDir, 'pki'));
    sandbox = await startSandbox({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      trustedCaPem: pki.ca.certPem,
      demoSeeds: false,
    });
    const cps = new CardMiddlewareSigner({
      certificatePem: async () => pki.pharmacistCard.certPem,
      signSha256Rsa: async (data) => {
        signed.push(data.length);
        return sign('sha256', data, pki.pharmacistCard.keyPem);
      },
    });
    @Module({
      imports: [
        ComptoirModule.forRoot({
          env: { COMPTOIR_ENV: 'test', TZ: 'Europe/Paris' },
          settings: {
            dataDir,
            teleservice: { url: sandbox.soapUrl },
            terminals: [
              {
                id: 'counter-1',
                vitale: { driver: 'pcsc', reader: 'LGO Reader 1' },
                operator: TEST_PHARMACIST.rpps,
              },
              { id: 'backoffice' },
            ],
          },
          database: { file: 'lgo-comptoir.sqlite' },
          referential: HostDrugDatabase,
          cardReaders: HostCardReaders,
          signers: { card: cps, rpps: TEST_PHARMACIST.rpps },
        }),
      ],
      controllers: [LgoController],
    })
    class HostModule {}
    app = await NestFactory.create<NestExpressApplication>(HostModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await app.close();
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens its own database file where the host said, with the tables migrated', async () => {
    const health = await comptoir(url).get('/health').expect(200);
    expect(health.body.checks.database.status).toBe('up');
    expect(existsSync(join(dataDir, 'lgo-comptoir.sqlite'))).toBe(true);
    await comptoir(url).get('/lgo/ping').expect(200, { pong: true });
  });

  it("retrieves a prescription with the assertion signed by the host's card middleware", async () => {
    const seeded = await request(sandbox.url)
      .post('/sandbox/prescriptions')
      .send({
        createdAt: new Date().toISOString().slice(0, 10),
        prescriber: { rpps: '99900038441', lastName: 'TRAL', firstName: 'ADEMIS' },
        patient: { lastName: 'ESSAI', firstName: 'ALAIN', birthDate: '1966-02-23' },
        lines: [
          {
            kind: 'medication',
            product: { cip13: DOLIPRANE, label: 'DOLIPRANE 1000 mg gélule' },
            posology: { text: '1 gélule matin et soir' },
            quantity: { boxes: 1 },
          },
        ],
      })
      .expect(201);
    const lgo = new CounterClient(url, TOKENS.lgo, 'counter-1', 20_000);
    const dispensationId = await lgo.open(seeded.body.qr as string);
    expect(signed.length).toBeGreaterThan(0);
    const view = await lgo.addPack(dispensationId, { cip13: DOLIPRANE });
    const packs = (view.lines as { packs: { label: string }[] }[]).flatMap((l) => l.packs);
    expect(packs.map((p) => p.label)).toEqual([`DOLIPRANE 1000 mg, gélule (${HOST_LABEL})`]);
    expect(HostDrugDatabase.lookups).toContain(DOLIPRANE);
  });

  it("reads the card the host's own reader access reports", async () => {
    const devices = await comptoir(url).get('/api/v1/devices').set('Authorization', `Bearer ${TOKENS.lgo}`);
    expect(devices.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'counter-1-card-reader', driver: 'pcsc' })]),
    );
    HostCardReaders.port.handlers!.inserted('LGO Reader 1', HOLDER);
    const card = await until(
      async () => {
        const res = await comptoir(url)
          .get('/api/v1/terminals/counter-1/card')
          .set('Authorization', `Bearer ${TOKENS.lgo}`);
        return res.status === 200 ? res.body : undefined;
      },
      { what: 'the card read on counter-1' },
    );
    expect(card.holder.lastName).toBe('ESSAI');
  });
});
