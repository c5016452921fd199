import { Body, Controller, Delete, Get, Header, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { Request, Response } from 'express';
import { CoreException } from '../errors/core.exception';
import { ApiTokens } from './api-tokens';
import { LoginThrottle } from './login-throttle';
import { TerminalFree } from './ownership';
import { CurrentPrincipal, Principal, Public } from './principal';
import { isSameOrigin } from './same-origin';
import { readCookie, SESSION_COOKIE, SessionStore } from './session.store';
import { ApiAnswer, ApiProblems } from '../http/openapi-schemas';
import { CORE_DETAILS } from '../errors/error-messages';

export class SessionDto {
  @ApiProperty({ description: 'An API token (COMPTOIR_API_TOKENS)' })
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  token: string;
}

/** The pages' login: a token buys an HttpOnly, SameSite=Strict session cookie (docs/pages.md). */
@ApiTags('session')
@Controller('api/v1/session')
export class SessionController {
  constructor(
    private readonly tokens: ApiTokens,
    private readonly sessions: SessionStore,
    private readonly throttle: LoginThrottle,
  ) {}

  @Post()
  @Public()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Logs a page in: sets the comptoir_session cookie' })
  @ApiAnswer(200, 'Principal')
  @ApiProblems(401, 403, 429)
  async login(
    @Body() body: SessionDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Principal> {
    // Login CSRF: a browser posting from another site would log the victim into the attacker's terminal.
    if (!isSameOrigin(req, { allowMissing: true })) {
      throw new CoreException('CROSS_ORIGIN_REFUSED', CORE_DETAILS.CROSS_ORIGIN_REFUSED.login());
    }
    const address = req.socket.remoteAddress ?? '-';
    this.throttle.check(address);
    const principal = this.tokens.principalFor(body.token);
    if (!principal) {
      this.throttle.failed(address);
      throw new CoreException('UNAUTHORIZED', CORE_DETAILS.UNAUTHORIZED.unknownToken());
    }
    // The LGO's own credential has no page; a cookie holding it would act for every terminal.
    if (principal.role === 'lgo') throw new CoreException('FORBIDDEN', CORE_DETAILS.FORBIDDEN.lgoHasNoPage());
    const previous = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (previous) await this.sessions.delete(previous);
    res.setHeader('Set-Cookie', cookie(await this.sessions.create(principal), req.secure));
    return principal;
  }

  @Get()
  @TerminalFree('who the caller is: its own principal')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Who is calling: pharmacy, terminal and role' })
  @ApiAnswer(200, 'Principal')
  whoAmI(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Delete()
  @TerminalFree("ends the caller's own session")
  @HttpCode(204)
  @ApiOperation({
    summary: 'Logs the page out: ends the session (and its event streams) and clears the cookie',
  })
  @ApiResponse({ status: 204, description: 'Logged out' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const id = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (id) await this.sessions.delete(id);
    res.setHeader('Set-Cookie', cookie('', req.secure, 0));
  }
}

function cookie(value: string, secure: boolean, maxAge?: number): string {
  const parts = [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict'];
  if (maxAge !== undefined) parts.push(`Max-Age=${maxAge}`);
  if (secure) parts.push('Secure');
  return parts.join('; ');
}
