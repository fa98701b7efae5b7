// This machine's non-loopback IPv4 address, as a phone on the same network would reach it. Tests
// that must go through it fail (never skip) when there is none.
import { lanAddress } from '../../server/http/urls.ts';

export function requireLanAddress(): string {
  const address = lanAddress();
  if (!address) {
    throw new Error(
      'This machine has no non-loopback IPv4 address (os.networkInterfaces() lists none), so the test cannot load the game the way a phone on the classroom network does. Connect the machine to a network (any interface with an IPv4 address) and run the test again.',
    );
  }
  return address;
}
