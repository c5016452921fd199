import { languageOf, render } from './messages';

describe('languageOf (API.md: English only when Accept-Language puts en first)', () => {
  it.each([
    [undefined, 'fr'],
    ['', 'fr'],
    ['fr', 'fr'],
    ['fr-FR,fr;q=0.9,en;q=0.8', 'fr'],
    ['en', 'en'],
    ['en-GB,en;q=0.9,fr;q=0.8', 'en'],
    ['fr;q=0.5,en;q=0.9', 'en'],
    ['de,en;q=0.9', 'fr'],
    ['*', 'fr'],
    ['en;q=0', 'fr'],
    ['garbage;;q=x', 'fr'],
  ])('%p → %s', (header, language) => expect(languageOf(header)).toBe(language));
});

describe('render', () => {
  const catalogue = {
    HELLO: {
      fr: (p: { name: string }) => `Bonjour ${p.name}`,
      en: (p: { name: string }) => `Hello ${p.name}`,
    },
  };
  it('renders a code in a language, and nothing for an unknown code', () => {
    expect(render(catalogue, 'HELLO', { name: 'Alain' }, 'fr')).toBe('Bonjour Alain');
    expect(render(catalogue, 'HELLO', { name: 'Alain' }, 'en')).toBe('Hello Alain');
    expect(render(catalogue, 'toString', {}, 'fr')).toBeUndefined();
  });
});
