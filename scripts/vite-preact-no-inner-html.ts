// A build step for the extension's bundles: Preact's renderer carries one `innerHTML`
// assignment, for the `dangerouslySetInnerHTML` prop that no Undercurrent component uses.
// AMO's linter (web-ext lint) rightly flags it in every bundle that renders Preact; this
// plugin swaps it for an error, so raw HTML can never reach a page or an extension page.
import type { Plugin } from 'vite';

/** Preact's minified renderer: `<node>.innerHTML=<prop>.__html`. */
const ASSIGNMENT = /\b([A-Za-z_$][\w$]*)\.innerHTML=([A-Za-z_$][\w$]*)\.__html\b/g;
const REFUSAL = '(()=>{throw new Error("Undercurrent renders no raw HTML: dangerouslySetInnerHTML is disabled")})()';

/** Removes Preact's innerHTML sink; fails the build if Preact's code no longer has exactly one. */
export function preactNoInnerHtml(): Plugin {
  return {
    name: 'undercurrent:preact-no-inner-html',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs$/.test(id.split('?')[0]!)) return null;
      const found = code.match(ASSIGNMENT)?.length ?? 0;
      if (found !== 1) this.error(`expected one innerHTML assignment in ${id}, found ${found}: update ${import.meta.filename}`);
      return { code: code.replace(ASSIGNMENT, REFUSAL), map: null };
    },
  };
}
