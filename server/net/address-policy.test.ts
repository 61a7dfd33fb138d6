import { describe, expect, it } from 'vitest';
import { blockedAddressKind, isBlockedAddress } from './address-policy';

describe('which addresses a workflow may call', () => {
  it.each([
    // IPv4 private, loopback and special ranges
    ['0.0.0.0', 'an unspecified address'],
    ['0.255.255.255', 'an unspecified address'],
    ['10.0.0.5', 'a private address'],
    ['10.255.255.255', 'a private address'],
    ['100.64.0.1', 'a shared (carrier-grade NAT) address'],
    ['100.127.255.254', 'a shared (carrier-grade NAT) address'],
    ['127.0.0.1', 'a loopback address'],
    ['127.8.9.10', 'a loopback address'],
    ['169.254.169.254', 'the cloud metadata address'],
    ['169.254.0.1', 'a link-local address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.0.0.8', 'a reserved address'],
    ['192.0.2.10', 'a documentation address'],
    ['192.168.1.1', 'a private address'],
    ['198.18.0.1', 'a benchmarking address'],
    ['198.19.255.255', 'a benchmarking address'],
    ['198.51.100.7', 'a documentation address'],
    ['203.0.113.9', 'a documentation address'],
    ['224.0.0.1', 'a multicast address'],
    ['239.255.255.250', 'a multicast address'],
    ['240.0.0.1', 'a reserved address'],
    ['255.255.255.255', 'the broadcast address'],
    // IPv6
    ['::', 'the unspecified address'],
    ['::1', 'the loopback address'],
    ['[::1]', 'the loopback address'],
    ['0:0:0:0:0:0:0:1', 'the loopback address'],
    ['fc00::1', 'a unique-local (private) address'],
    ['fd00:ec2::254', 'a unique-local (private) address'],
    ['fe80::1', 'a link-local address'],
    ['fe80::1%eth0', 'a link-local address'],
    ['febf:ffff::1', 'a link-local address'],
    ['fec0::1', 'a site-local address'],
    ['ff02::1', 'a multicast address'],
    ['100::1', 'a reserved address'],
    ['::7f00:1', 'a reserved (IPv4-compatible) address'],
    ['2001:db8::1', 'a documentation address'],
    ['2001::1', 'a reserved address'],
    ['3fff::1', 'a documentation address'],
    ['64:ff9b:1::a00:1', 'a private (local NAT64) address'],
    // IPv6 forms carrying an IPv4 address are judged by it
    ['::ffff:127.0.0.1', 'a loopback address in IPv4-mapped form'],
    ['::ffff:7f00:1', 'a loopback address in IPv4-mapped form'],
    ['::ffff:169.254.169.254', 'the cloud metadata address in IPv4-mapped form'],
    ['::ffff:0:10.0.0.1', 'a private address in IPv4-translated form'],
    ['64:ff9b::10.0.0.1', 'a private address in NAT64 form'],
    ['64:ff9b::7f00:1', 'a loopback address in NAT64 form'],
    ['2002:c0a8:0101::1', 'a private address in 6to4 form'],
    // not an address at all: refused rather than guessed at
    ['localhost', 'not an IP address'],
    ['0x7f.1', 'not an IP address'],
    ['2130706433', 'not an IP address'],
    ['', 'not an IP address'],
  ])('refuses %s (%s)', (ip, kind) => {
    expect(blockedAddressKind(ip)).toBe(kind);
    expect(isBlockedAddress(ip)).toBe(true);
  });

  it.each([
    '1.1.1.1',
    '8.8.8.8',
    '93.184.215.14',
    '100.63.255.255',
    '100.128.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '169.253.255.255',
    '192.0.1.1',
    '192.169.0.1',
    '198.17.255.255',
    '198.20.0.0',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2001:4860:4860::8888',
    '2a00:1450:4001:82b::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::8.8.8.8',
    '2002:0808:0808::1',
  ])('allows the public address %s', (ip) => {
    expect(blockedAddressKind(ip)).toBeNull();
    expect(isBlockedAddress(ip)).toBe(false);
  });
});
