import { Hono } from 'hono';

/** The baseline for bench/scans.mjs: the least a Hono Worker can do for /r/<code>, a fixed 302. */
const app = new Hono();

app.get('/r/:code', (c) => c.redirect('https://yandex.ru/maps/org/kolobok/1234567890/reviews/?add-review=true', 302));

export default app;
