import { describe, expect, it } from 'vitest';
import { checkTarget, parseIpv4, storedFailure, targetPolicy } from '../../src/domain/outbound';

const production = targetPolicy('production', ['https://q.example.ru', 'https://support.example.ru/admin/settings']);
const development = targetPolicy('development', ['http://127.0.0.1:8787']);

describe('notification targets in production', () => {
  it.each([
    'https://crm.example.ru/hooks/complaints',
    'https://api.telegram.org',
    'https://hooks.example.com:8443/in?token=abc',
    'https://8.8.8.8/hook',
    'https://[2606:4700:4700::1111]/hook',
    'https://localhost.example.com/hook',
    'https://intranet.example.ru/hook',
  ])('accepts %s', (url) => {
    expect(checkTarget(url, production)).toBeNull();
  });

  it.each([
    // loopback, however it is spelt
    'https://localhost/hook',
    'https://LOCALHOST./hook',
    'https://crm.localhost/hook',
    'https://127.0.0.1/hook',
    'https://127.1.2.3/hook',
    'https://2130706433/hook',
    'https://0x7f000001/hook',
    'https://0x7f.1/hook',
    'https://0177.0.0.1/hook',
    'https://017700000001/hook',
    'https://127.1/hook',
    'https://127.0.0.1./hook',
    'https://[::1]/hook',
    'https://[0:0:0:0:0:0:0:1]/hook',
    'https://[::]/hook',
    'https://0.0.0.0/hook',
    'https://0/hook',
    // private, shared and link-local networks
    'https://10.0.0.1/hook',
    'https://10.255.255.255/hook',
    'https://172.16.0.1/hook',
    'https://172.31.255.254/hook',
    'https://192.168.0.1/hook',
    'https://169.254.169.254/latest/meta-data',
    'https://100.64.0.1/hook',
    'https://100.127.255.255/hook',
    'https://0xa9.0xfe.0xa9.0xfe/hook',
    'https://224.0.0.1/hook',
    'https://255.255.255.255/hook',
    // IPv6 private ranges and IPv4 inside IPv6
    'https://[fc00::1]/hook',
    'https://[fd12:3456:789a::1]/hook',
    'https://[fe80::1]/hook',
    'https://[febf::1]/hook',
    'https://[::ffff:127.0.0.1]/hook',
    'https://[::ffff:7f00:1]/hook',
    'https://[::ffff:10.0.0.1]/hook',
    'https://[::ffff:8.8.8.8]/hook',
    'https://[::127.0.0.1]/hook',
    'https://[64:ff9b::a9fe:a9fe]/hook',
    'https://[2002:a9fe:a9fe::1]/hook',
    'https://[ff02::1]/hook',
    // names that only resolve inside a network
    'https://printer.local/hook',
    'https://metadata.google.internal/computeMetadata/v1',
    'https://router.home.arpa/hook',
    'https://metadata/hook',
  ])('refuses the internal host in %s', (url) => {
    expect(checkTarget(url, production)).toBe('private');
  });

  it('refuses the app itself, by its public origin and by the host the request came to', () => {
    expect(checkTarget('https://q.example.ru/api/v1/complaints', production)).toBe('own');
    expect(checkTarget('https://Q.EXAMPLE.RU./admin', production)).toBe('own');
    expect(checkTarget('https://q.example.ru:8443/', production)).toBe('own');
    expect(checkTarget('https://support.example.ru/api/v1/metrics', production)).toBe('own');
    expect(checkTarget('https://other.example.ru/hook', production)).toBeNull();
    // An empty or broken configured origin names nothing.
    expect(targetPolicy('production', ['', undefined, 'not a url']).ownHosts).toEqual([]);
  });

  it('refuses user names and passwords in the address', () => {
    expect(checkTarget('https://user:secret@crm.example.ru/hook', production)).toBe('credentials');
    expect(checkTarget('https://user@crm.example.ru/hook', production)).toBe('credentials');
    // The part before @ is credentials, the real host is after it.
    expect(checkTarget('https://crm.example.ru@127.0.0.1/hook', production)).toBe('credentials');
  });

  it('refuses anything but https, and text that is not a URL', () => {
    expect(checkTarget('http://crm.example.ru/hook', production)).toBe('scheme');
    expect(checkTarget('ftp://crm.example.ru/hook', production)).toBe('scheme');
    expect(checkTarget('file:///etc/passwd', production)).toBe('scheme');
    expect(checkTarget('javascript:alert(1)', production)).toBe('scheme');
    expect(checkTarget('crm.example.ru/hook', production)).toBe('invalid');
    expect(checkTarget('https://', production)).toBe('invalid');
    // An internal host over http is named for what it is.
    expect(checkTarget('http://127.0.0.1:9/hook', production)).toBe('private');
  });

  it('treats every environment but "development" as production', () => {
    expect(targetPolicy('test', []).allowLocal).toBe(false);
    expect(targetPolicy('', []).allowLocal).toBe(false);
    expect(targetPolicy(undefined, []).allowLocal).toBe(false);
    expect(checkTarget('http://127.0.0.1:18751/hook', targetPolicy('test', []))).toBe('private');
  });
});

describe('notification targets in development', () => {
  it('accepts receivers on this machine over http or https, next to wrangler dev', () => {
    expect(checkTarget('http://127.0.0.1:18751/hook', development)).toBeNull();
    expect(checkTarget('http://localhost:8081', development)).toBeNull();
    expect(checkTarget('https://[::1]:8443/hook', development)).toBeNull();
  });

  it('still refuses other internal networks, other schemes and credentials', () => {
    expect(checkTarget('https://10.0.0.1/hook', development)).toBe('private');
    expect(checkTarget('http://169.254.169.254/', development)).toBe('private');
    expect(checkTarget('http://crm.example.ru/hook', development)).toBe('scheme');
    expect(checkTarget('http://user:pw@127.0.0.1:18751/hook', development)).toBe('credentials');
  });
});

describe('IPv4 spellings', () => {
  it('reads decimal, hex and octal parts as the URL parser does', () => {
    expect(parseIpv4('127.0.0.1')).toBe(0x7f000001);
    expect(parseIpv4('2130706433')).toBe(0x7f000001);
    expect(parseIpv4('0x7f.1')).toBe(0x7f000001);
    expect(parseIpv4('0177.0.0.01')).toBe(0x7f000001);
    expect(parseIpv4('127.1')).toBe(0x7f000001);
    expect(parseIpv4('10.0x10.1')).toBe(0x0a100001);
    expect(parseIpv4('example.com')).toBeNull();
    expect(parseIpv4('1.2.3.4.5')).toBeNull();
    expect(parseIpv4('256.0.0.1')).toBeNull();
    expect(parseIpv4('08.0.0.1')).toBeNull();
  });
});

describe('stored failure reasons', () => {
  it('shows a status or a fixed reason, and hides anything else', () => {
    expect(storedFailure('HTTP 422')).toBe('HTTP 422');
    expect(storedFailure('timeout')).toBe('timeout');
    expect(storedFailure('refused address')).toBe('refused address');
    expect(storedFailure('HTTP 422: {"error":"unknown customer +79031112299"}')).toBe('error');
    expect(storedFailure(null)).toBeNull();
  });
});
