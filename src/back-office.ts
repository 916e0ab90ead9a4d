import { createApp } from './app';
import { adminRoutes } from './routes/admin';
import { apiV1 } from './routes/api/v1';

/**
 * The admin pages and /api/v1: everything that draws PDFs and previews (pdf-lib, fontkit, the
 * bundled fonts, QR codes). index.tsx loads this module through `import()` on the first request
 * under /admin or /api/v1, so a scan's fresh isolate never evaluates any of it.
 */
export const backOffice = createApp();
backOffice.route('/admin', adminRoutes);
backOffice.route('/api/v1', apiV1);
