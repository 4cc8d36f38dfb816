/** What the generator needs from the geocoding side: a drawer of real-looking addresses of the observed commune. */
export interface DrawnAddress {
  text: string;
  expected: { street: string; iris: string; postcode: string };
}

export type AddressDrawer = (rng: () => number) => DrawnAddress;
