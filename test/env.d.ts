declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    APP_SECRET: string;
  }
  interface Exports {
    default: { fetch(request: Request): Promise<Response> };
  }
}

declare module '*.eml?raw' {
  const text: string;
  export default text;
}
