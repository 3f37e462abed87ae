/** Browser configuration: read once from VITE_* variables, nothing else reads import.meta.env. */
function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

export const config = Object.freeze({
  apiUrl: trimSlash(import.meta.env.VITE_API_URL || 'http://localhost:3001'),
});
