// Node stand-in for '@kit.BasicServicesKit' (BusinessError only).
// On a device, system APIs throw errors with a numeric `code`; this class is what the other
// stand-ins throw, so `(e as BusinessError).code` reads the same on both sides.
export class BusinessError extends Error {
  constructor(code, message, data) {
    super(message);
    this.name = 'BusinessError';
    this.code = code;
    if (data !== undefined) {
      this.data = data;
    }
  }
}
