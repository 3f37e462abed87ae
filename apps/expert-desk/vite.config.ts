import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The desk: experts and admins. Port 3002 (the API allows it through CORS in development).
export default defineConfig({
  plugins: [react()],
  server: { port: 3002, strictPort: true, host: 'localhost' },
  preview: { port: 3002, strictPort: true, host: 'localhost' },
});
