// Node stand-in for '@kit.CoreFileKit' (fileIo, synchronous API) on top of node:fs.
//
// Semantics follow @ohos.file.fs rather than Node where they differ:
//  - failures throw BusinessError with the HarmonyOS numeric code (13900002 no such file, ...);
//  - OpenMode values are the Linux O_* flags, which is what the device uses as well;
//  - read/write `offset` is the position in the FILE (Node's `position`), not in the buffer;
//  - rmdirSync removes the directory with everything in it;
//  - statSync times are seconds.
import fs from 'node:fs';
import path from 'node:path';
import { BusinessError } from './kit.BasicServicesKit.mjs';

// errno name -> [HarmonyOS code, message], from the file-management error-code table.
const ERRNO = {
  EPERM: [13900001, 'Operation not permitted'],
  ENOENT: [13900002, 'No such file or directory'],
  EINTR: [13900004, 'Interrupted system call'],
  EIO: [13900005, 'I/O error'],
  ENXIO: [13900006, 'No such device or address'],
  EBADF: [13900008, 'Bad file descriptor'],
  EAGAIN: [13900010, 'Try again'],
  ENOMEM: [13900011, 'Out of memory'],
  EACCES: [13900012, 'Permission denied'],
  EFAULT: [13900013, 'Bad address'],
  EBUSY: [13900014, 'Device or resource busy'],
  EEXIST: [13900015, 'File exists'],
  EXDEV: [13900016, 'Cross-device link'],
  ENODEV: [13900017, 'No such device'],
  ENOTDIR: [13900018, 'Not a directory'],
  EISDIR: [13900019, 'Is a directory'],
  EINVAL: [13900020, 'Invalid argument'],
  ENFILE: [13900021, 'File table overflow'],
  EMFILE: [13900022, 'Too many open files'],
  ETXTBSY: [13900023, 'Text file busy'],
  EFBIG: [13900024, 'File too large'],
  ENOSPC: [13900025, 'No space left on device'],
  ESPIPE: [13900026, 'Illegal seek'],
  EROFS: [13900027, 'Read-only file system'],
  EMLINK: [13900028, 'Too many links'],
  EDEADLK: [13900029, 'Resource deadlock would occur'],
  ENAMETOOLONG: [13900030, 'File name too long'],
  ENOSYS: [13900031, 'Function not implemented'],
  ENOTEMPTY: [13900032, 'Directory not empty'],
  ELOOP: [13900033, 'Too many symbolic links encountered'],
  ENODATA: [13900037, 'No data available'],
  EOVERFLOW: [13900038, 'Value too large for defined data type'],
  EDQUOT: [13900041, 'Quota exceeded'],
};
const UNKNOWN = [13900042, 'Unknown error'];
const PARAMETER_ERROR = 401;

function businessError(errnoName) {
  const [code, message] = ERRNO[errnoName] ?? UNKNOWN;
  return new BusinessError(code, message);
}

/** Runs a node:fs call, converting Node's errno errors into BusinessError. */
function call(fn) {
  try {
    return fn();
  } catch (e) {
    if (e && typeof e.code === 'string') {
      throw businessError(e.code);
    }
    throw e;
  }
}

function requirePath(p) {
  if (typeof p !== 'string' || p.length === 0) {
    throw new BusinessError(PARAMETER_ERROR, 'The parameter check failed: path must be a non-empty string');
  }
  return p;
}

function fdOf(fileOrFd) {
  if (typeof fileOrFd === 'number') {
    return fileOrFd;
  }
  if (fileOrFd instanceof File) {
    return fileOrFd.fd;
  }
  throw new BusinessError(PARAMETER_ERROR, 'The parameter check failed: expected a File or an fd');
}

function bytesOf(buffer) {
  if (buffer instanceof ArrayBuffer) {
    return new Uint8Array(buffer);
  }
  if (ArrayBuffer.isView(buffer)) {
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
  throw new BusinessError(PARAMETER_ERROR, 'The parameter check failed: expected an ArrayBuffer');
}

const OpenMode = Object.freeze({
  READ_ONLY: 0o0,
  WRITE_ONLY: 0o1,
  READ_WRITE: 0o2,
  CREATE: 0o100,
  TRUNC: 0o1000,
  APPEND: 0o2000,
  NONBLOCK: 0o4000,
  DIR: 0o200000,
  NOFOLLOW: 0o400000,
  SYNC: 0o4010000,
});

const AccessModeType = Object.freeze({ EXIST: 0, WRITE: 2, READ: 4, READ_WRITE: 6 });

class File {
  constructor(fd, filePath) {
    this.fd = fd;
    this.path = filePath;
    this.name = path.basename(filePath);
  }

  getParent() {
    return path.dirname(this.path);
  }
}

class Stat {
  constructor(s) {
    this.ino = s.ino;
    this.mode = s.mode & 0o7777;
    this.uid = s.uid;
    this.gid = s.gid;
    this.size = s.size;
    this.atime = Math.floor(s.atimeMs / 1000);
    this.mtime = Math.floor(s.mtimeMs / 1000);
    this.ctime = Math.floor(s.ctimeMs / 1000);
    this.isDirectoryFlag = s.isDirectory();
    this.isFileFlag = s.isFile();
    this.isSymbolicLinkFlag = s.isSymbolicLink();
  }

  isDirectory() {
    return this.isDirectoryFlag;
  }

  isFile() {
    return this.isFileFlag;
  }

  isSymbolicLink() {
    return this.isSymbolicLinkFlag;
  }
}

function accessSync(p, mode = AccessModeType.EXIST) {
  requirePath(p);
  try {
    fs.accessSync(p, mode);
    return true;
  } catch (e) {
    if (e && e.code === 'ENOENT') {
      return false;
    }
    throw businessError(e.code);
  }
}

function mkdirSync(p, recursion = false) {
  requirePath(p);
  call(() => fs.mkdirSync(p, { recursive: recursion === true }));
}

function openSync(p, mode = OpenMode.READ_ONLY) {
  requirePath(p);
  const fd = call(() => fs.openSync(p, mode, 0o660));
  return new File(fd, p);
}

function writeSync(fd, buffer, options = {}) {
  const target = fdOf(fd);
  const bytes = typeof buffer === 'string' ? Buffer.from(buffer, options.encoding ?? 'utf-8') : bytesOf(buffer);
  const length = options.length ?? bytes.byteLength;
  if (length < 0 || length > bytes.byteLength) {
    throw businessError('EINVAL');
  }
  return call(() => fs.writeSync(target, bytes, 0, length, options.offset ?? null));
}

function readSync(fd, buffer, options = {}) {
  const target = fdOf(fd);
  const bytes = bytesOf(buffer);
  const length = options.length ?? bytes.byteLength;
  if (length < 0 || length > bytes.byteLength) {
    throw businessError('EINVAL');
  }
  return call(() => fs.readSync(target, bytes, 0, length, options.offset ?? null));
}

function closeSync(file) {
  call(() => fs.closeSync(fdOf(file)));
}

function fsyncSync(fd) {
  call(() => fs.fsyncSync(fdOf(fd)));
}

function statSync(file) {
  const s = typeof file === 'string' ? call(() => fs.statSync(requirePath(file))) : call(() => fs.fstatSync(fdOf(file)));
  return new Stat(s);
}

function unlinkSync(p) {
  requirePath(p);
  call(() => fs.unlinkSync(p));
}

function rmdirSync(p) {
  requirePath(p);
  const s = call(() => fs.lstatSync(p));
  if (!s.isDirectory()) {
    throw businessError('ENOTDIR');
  }
  call(() => fs.rmSync(p, { recursive: true }));
}

function renameSync(oldPath, newPath) {
  requirePath(oldPath);
  requirePath(newPath);
  call(() => fs.renameSync(oldPath, newPath));
}

/** Names in `p`; with { recursion: true }, every file below `p` as '/sub/name'. */
function listFileSync(p, options = {}) {
  requirePath(p);
  if (!options.recursion) {
    return call(() => fs.readdirSync(p));
  }
  const out = [];
  const walk = (dir, prefix) => {
    for (const e of call(() => fs.readdirSync(dir, { withFileTypes: true }))) {
      if (e.isDirectory()) {
        walk(path.join(dir, e.name), `${prefix}/${e.name}`);
      } else {
        out.push(`${prefix}/${e.name}`);
      }
    }
  };
  walk(p, '');
  return out;
}

function readTextSync(p, options = {}) {
  requirePath(p);
  const bytes = call(() => fs.readFileSync(p));
  const start = options.offset ?? 0;
  const end = options.length !== undefined ? start + options.length : bytes.byteLength;
  return bytes.subarray(start, end).toString(options.encoding ?? 'utf-8');
}

function truncateSync(file, len = 0) {
  call(() => (typeof file === 'string' ? fs.truncateSync(file, len) : fs.ftruncateSync(fdOf(file), len)));
}

export const fileIo = {
  OpenMode,
  AccessModeType,
  File,
  Stat,
  accessSync,
  mkdirSync,
  openSync,
  writeSync,
  readSync,
  closeSync,
  fsyncSync,
  statSync,
  unlinkSync,
  rmdirSync,
  renameSync,
  listFileSync,
  readTextSync,
  truncateSync,
};
