/**
 * Serves the desk for end-to-end specs: a production build (the bundle an expert gets) in a unique temp
 * dir, then `vite preview`, through the main app's helper. The port comes from `freePort()` (a port the
 * OS handed out for port 0 a moment ago) because the API must list the desk's origin for CORS before the
 * desk exists.
 */
import { join } from 'node:path';
import { serveViteBuild, type WebAppHandle } from '../../../main-app/e2e/support/web-app';

export { freePort } from '../../../main-app/e2e/support/web-app';

const appRoot = join(import.meta.dirname, '..', '..');

export type DeskAppHandle = WebAppHandle;

export function startDeskApp(options: { apiUrl: string; port: number }): Promise<DeskAppHandle> {
  return serveViteBuild({
    appRoot,
    port: options.port,
    tmpPrefix: 'lumira-desk-e2e-',
    env: { VITE_API_URL: options.apiUrl },
  });
}
