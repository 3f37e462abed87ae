import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * French copy uses the typographic apostrophe (’) everywhere people read it: customer site, desk, the
 * kit and the shared copy (error messages, status words, history lines). A straight one (') between
 * two letters in a string literal, a template or JSX text is a mix the customer sees.
 */
const repo = join(import.meta.dirname, '..', '..', '..');
const ROOTS = ['apps/main-app/src', 'apps/expert-desk/src', 'packages/web-kit/src', 'packages/shared/src'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const STRAIGHT_BETWEEN_LETTERS = /\p{L}'\p{L}/u;

/** Every text a person may read in a file: string literals, template parts, JSX text (not comments). */
function straightApostrophes(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isJsxText(node)
    ) {
      const text = node.getText(file);
      if (STRAIGHT_BETWEEN_LETTERS.test(text)) {
        const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
        found.push(`${relative(repo, fileName)}:${line}: ${text.trim()}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('French typography', () => {
  it('finds a straight apostrophe in copy, and none in comments', () => {
    const sample = [
      "// the order's id (a comment)",
      'const a = "n\'existe pas";',
      'const b = <p>Cette page n’existe pas</p>;',
      "const c = <p>L'expert</p>;",
      `const d = \`l'heure \${x}\`;`,
    ].join('\n');
    expect(straightApostrophes(join(repo, 'sample.tsx'), sample).map((l) => l.split(': ')[1])).toEqual([
      '"n\'existe pas"',
      "L'expert",
      "`l'heure ${",
    ]);
  });

  it.each(ROOTS)(
    "%s writes ’ in its French copy, never '",
    (root) => {
      const found = sourceFiles(join(repo, root)).flatMap((path) =>
        straightApostrophes(path, readFileSync(path, 'utf8')),
      );
      expect(found).toEqual([]);
    },
    60_000,
  ); // parses every source file: slow on a loaded machine
});
