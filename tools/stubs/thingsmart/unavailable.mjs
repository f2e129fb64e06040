// Shared by the @thingsmart/* stand-ins: the one error every vendor call raises on the host.
export const TUYA_UNAVAILABLE = 'Tuya SDK not available on the host; use SimulatedRobot';

export function unavailable() {
  throw new Error(TUYA_UNAVAILABLE);
}
