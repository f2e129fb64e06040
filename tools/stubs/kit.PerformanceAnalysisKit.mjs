// Node stand-in for '@kit.PerformanceAnalysisKit' (hilog only).
//
// Every record is kept, as a device's log buffer keeps it, for `hilog -x` (the host runner answers
// Hypium's SysTestKit.existKeyword from it). Quiet by default so test output stays readable.
// ROBOVAC_LOG=1 (or a level name: debug, info, warn, error, fatal) prints records at or above that
// level to stderr as
//   hilog I 0xD0F1/RobovacP2p: message
// Format arguments follow hilog's privacy rule: only %{public}x arguments are shown; %{private}x
// and a bare %x (private by default on a device) print as <private>.

const LogLevel = Object.freeze({ DEBUG: 3, INFO: 4, WARN: 5, ERROR: 6, FATAL: 7 });
const LETTER = { 3: 'D', 4: 'I', 5: 'W', 6: 'E', 7: 'F' };

function thresholdFromEnv(value) {
  if (value === undefined || value === '' || value === '0') {
    return Infinity;
  }
  const named = LogLevel[String(value).toUpperCase()];
  return named !== undefined ? named : LogLevel.DEBUG;
}

const threshold = thresholdFromEnv(process.env.ROBOVAC_LOG);

/** The newest records, oldest first; a ring as the device's buffer is. */
const MAX_RECORDS = 10000;
const records = [];

/** What `hilog -x` would print now, one line per record. */
export function hilogRecords() {
  return records.slice();
}

function render(value) {
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

/** Expands a hilog format string: %{public}s, %{private}d, %s, %d, %i, %o, %O, %%. */
export function formatHilog(format, args) {
  let next = 0;
  return String(format).replace(/%%|%(\{(public|private)\})?([sdioOxXf])/g, (match, _braces, visibility) => {
    if (match === '%%') {
      return '%';
    }
    const value = args[next++];
    return visibility === 'public' ? render(value) : '<private>';
  });
}

function writer(level) {
  return (domain, tag, format, ...args) => {
    const d = '0x' + (Number(domain) & 0xffff).toString(16).toUpperCase().padStart(4, '0');
    const line = `${LETTER[level]} ${d}/${tag}: ${formatHilog(format, args)}`;
    records.push(line);
    if (records.length > MAX_RECORDS) {
      records.splice(0, records.length - MAX_RECORDS);
    }
    if (level >= threshold) {
      process.stderr.write(`      hilog ${line}\n`);
    }
  };
}

export const hilog = {
  LogLevel,
  debug: writer(LogLevel.DEBUG),
  info: writer(LogLevel.INFO),
  warn: writer(LogLevel.WARN),
  error: writer(LogLevel.ERROR),
  fatal: writer(LogLevel.FATAL),
  // On a device this answers whether a record would be kept; code should still build its
  // message when true, so the host always says true and lets the writer decide what to print.
  isLoggable: (_domain, _tag, _level) => true,
};
