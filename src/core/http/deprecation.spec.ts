import { Controller, ExecutionContext, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiOperation } from '@nestjs/swagger';
import { of } from 'rxjs';
import { Deprecated, DEPRECATED, DeprecationInterceptor, deprecationHeaders } from './deprecation';

describe('deprecationHeaders', () => {
  it('says since when (RFC 9745 date), until when (RFC 8594 HTTP date) and where to read', () => {
    expect(deprecationHeaders({ since: '2026-12-04', sunset: '2028-01-01', link: '/docs/x' })).toEqual({
      Deprecation: '@1796342400',
      Sunset: 'Sat, 01 Jan 2028 00:00:00 GMT',
      Link: '</docs/x>; rel="deprecation"',
    });
    expect(deprecationHeaders({ since: '2026-12-04' })).toEqual({ Deprecation: '@1796342400' });
  });

  it('refuses a day that is not YYYY-MM-DD', () => {
    expect(() => deprecationHeaders({ since: '04/12/2026' })).toThrow(/YYYY-MM-DD/);
    expect(() => deprecationHeaders({ since: '2026-12-04', sunset: 'soon' })).toThrow(/YYYY-MM-DD/);
  });
});

describe('@Deprecated', () => {
  @Controller('x')
  class Retired {
    @Deprecated({ since: '2026-12-04' })
    @ApiOperation({ summary: 'below' })
    @Get('a')
    a() {}

    @ApiOperation({ summary: 'above' })
    @Deprecated({ since: '2026-12-04' })
    @Get('b')
    b() {}
  }

  it('marks the OpenAPI operation deprecated and keeps its summary, whatever the order', () => {
    for (const [name, summary] of [
      ['a', 'below'],
      ['b', 'above'],
    ] as const) {
      const fn = Retired.prototype[name];
      expect(Reflect.getMetadata('swagger/apiOperation', fn)).toMatchObject({ summary, deprecated: true });
      expect(Reflect.getMetadata(DEPRECATED, fn)).toEqual({ since: '2026-12-04' });
    }
  });

  it('fails when the class loads if a day is malformed', () => {
    expect(() => Deprecated({ since: 'tomorrow' })).not.toThrow();
    expect(() => {
      class Bad {
        @Deprecated({ since: 'tomorrow' })
        m() {}
      }
      return Bad;
    }).toThrow(/YYYY-MM-DD/);
  });
});

describe('DeprecationInterceptor', () => {
  class Routes {
    @Deprecated({ since: '2026-12-04', link: '/docs/versioning' })
    old() {}
    current() {}
  }
  const headersFor = (handler: () => void) => {
    const set: Record<string, string>[] = [];
    const ctx = {
      getHandler: () => handler,
      getClass: () => Routes,
      switchToHttp: () => ({ getResponse: () => ({ set: (h: Record<string, string>) => set.push(h) }) }),
    } as unknown as ExecutionContext;
    new DeprecationInterceptor(new Reflector()).intercept(ctx, { handle: () => of('answer') });
    return set;
  };

  it('sets the headers on a deprecated route before it runs, and nothing on another', () => {
    expect(headersFor(Routes.prototype.old)).toEqual([
      { Deprecation: '@1796342400', Link: '</docs/versioning>; rel="deprecation"' },
    ]);
    expect(headersFor(Routes.prototype.current)).toEqual([]);
  });
});
