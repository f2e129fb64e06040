// Tuya's own panel reassembly (the `SweeperP2p` wrapper of Tuya's robot-vacuum panel template,
// `p2pStreamPacketReceiveCallback`), ported to the HarmonyOS callback, which hands over an
// ArrayBuffer: each packet is hex-encoded and kept in a map by packet index; when the last packet
// is in (packetType 2 or 3 sets total = index + 1) the indices are sorted, the strings joined, and
// — because an app needs bytes to decode a map — the hex is turned back into bytes.
// Hex is plain JS (no Node Buffer on a device), and deliberately the fastest encoder we found —
// char codes into a Uint16Array, turned into a string in chunks — so the comparison flatters Tuya:
// string concatenation per byte is ~9x slower, Array(...).join ~2x slower.

const DIGITS = '0123456789abcdef';
const DIGIT_CODES = Uint16Array.from(DIGITS, (c) => c.charCodeAt(0));
const CHUNK = 8192;
const NIBBLE = new Uint8Array(128);
for (let i = 0; i < 16; i++) {
  NIBBLE[DIGITS.charCodeAt(i)] = i;
  NIBBLE['0123456789ABCDEF'.charCodeAt(i)] = i;
}

export function toHex(buffer) {
  const b = new Uint8Array(buffer);
  const codes = new Uint16Array(b.length * 2);
  for (let i = 0; i < b.length; i++) {
    codes[2 * i] = DIGIT_CODES[b[i] >> 4];
    codes[2 * i + 1] = DIGIT_CODES[b[i] & 15];
  }
  let s = '';
  for (let i = 0; i < codes.length; i += CHUNK) {
    s += String.fromCharCode.apply(null, codes.subarray(i, i + CHUNK));
  }
  return s;
}

export function hexToBytes(hex) {
  const out = new Uint8Array(hex.length >>> 1);
  for (let i = 0, j = 0; i < out.length; i++, j += 2) {
    out[i] = (NIBBLE[hex.charCodeAt(j)] << 4) | NIBBLE[hex.charCodeAt(j + 1)];
  }
  return out;
}

export class TuyaReassembler {
  constructor(onFile) {
    this.onFile = onFile;
    this.packets = new Map();
    this.total = -1;
  }

  /** packetIndex: index of the packet within its file; packetType: bit 0 first, bit 1 last. */
  onPacket(pack, packetIndex, packetType) {
    if ((packetType & 1) !== 0) {
      // A new file: Tuya resets on a new file serial number; the HarmonyOS callback has the start bit.
      this.packets = new Map();
      this.total = -1;
    }
    const hex = toHex(pack);
    if (packetType === 2 || packetType === 3) {
      this.total = packetIndex + 1;
    }
    this.packets.set(packetIndex, hex);
    if (this.packets.size === this.total) {
      const keys = [...this.packets.keys()].sort((a, b) => a - b);
      const joined = keys.map((k) => this.packets.get(k)).join('');
      this.packets = new Map();
      this.total = -1;
      this.onFile(hexToBytes(joined));
    }
  }
}
