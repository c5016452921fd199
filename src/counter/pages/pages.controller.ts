import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Principal, Public, Role } from '../../core/auth/principal';
import { SessionStore } from '../../core/auth/session.store';
import { CoreException } from '../../core/errors/core.exception';
import {
  SFPC_INTERVENTION_CODES,
  SFPC_OUTCOME_CODES,
  SFPC_PROBLEM_CODES,
} from '../../dispensation/acts/sfpc-code-tables';
import { loadPageAssets, loadVendorAsset, PAGE_SECURITY_HEADERS } from './page-assets';
import { CORE_DETAILS } from '../../core/errors/error-messages';

// An lgo token cannot log a page in (session.controller.ts); were one to, it would land on the login.
const HOME: Record<Role, string> = { counter: '/counter', 'back-office': '/back-office', lgo: '/' };

/** The three pages (docs/pages.md) and their static files; the API behind them is /api/v1. */
@ApiExcludeController()
@Public()
@Controller()
export class PagesController {
  private readonly assets = loadPageAssets();
  private readonly zxing = loadVendorAsset('@zxing/browser/umd/zxing-browser.min.js');
  private readonly sfpc = Buffer.from(
    JSON.stringify({
      problems: SFPC_PROBLEM_CODES.map(({ code, label }) => ({ code, label })),
      interventions: SFPC_INTERVENTION_CODES.map(({ code, label }) => ({ code, label })),
      outcomes: SFPC_OUTCOME_CODES.map(({ code, label }) => ({ code, label })),
    }),
  );

  constructor(private readonly sessions: SessionStore) {}

  /** The login; a page already logged in goes on to its role's page. */
  @Get()
  async login(@Req() req: Request, @Res() res: Response): Promise<void> {
    const principal = await this.session(req);
    if (principal && principal.role !== 'lgo') return res.redirect(303, HOME[principal.role]);
    this.page(res, 'login.html');
  }

  @Get('counter')
  counter(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.guarded(req, res, 'counter', 'counter.html');
  }

  @Get('back-office')
  backOffice(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.guarded(req, res, 'back-office', 'back-office.html');
  }

  /** Browsers ask for it on every tab, the PDF's included. */
  @Get('favicon.ico')
  favicon(@Res() res: Response): void {
    this.page(res, 'favicon.svg');
  }

  @Get('assets/sfpc-codes.json')
  sfpcCodes(@Res() res: Response): void {
    res.set(PAGE_SECURITY_HEADERS).type('application/json').send(this.sfpc);
  }

  /** @zxing/browser's UMD build, for the counter's webcam (STACK.md § Pages: served here, CSP 'self'). */
  @Get('assets/vendor/zxing-browser.js')
  zxingBrowser(@Res() res: Response): void {
    res.set(PAGE_SECURITY_HEADERS).type(this.zxing.type).send(this.zxing.body);
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() res: Response): void {
    const asset = name.endsWith('.html') ? undefined : this.assets.get(name);
    if (!asset) throw new CoreException('NOT_FOUND', CORE_DETAILS.NOT_FOUND.asset());
    res.set(PAGE_SECURITY_HEADERS).type(asset.type).send(asset.body);
  }

  /** Without a session the page is the login; with another role's session, that role's page. */
  private async guarded(req: Request, res: Response, role: Role, file: string): Promise<void> {
    const principal = await this.session(req);
    if (!principal) return res.redirect(303, '/');
    if (principal.role !== role) return res.redirect(303, HOME[principal.role]);
    this.page(res, file);
  }

  private async session(req: Request): Promise<Principal | undefined> {
    return (await this.sessions.fromCookie(req.headers.cookie))?.principal;
  }

  private page(res: Response, file: string): void {
    const asset = this.assets.get(file)!;
    res.set(PAGE_SECURITY_HEADERS).type(asset.type).send(asset.body);
  }
}
