// Node stand-in for '@kit.NetworkKit' (socket's TCP constructors only). Companion links reach
// sockets only over Wi-Fi P2P, which the host does not have, so the constructors throw 801
// (see host-capabilities.mjs).
import { notOnHost } from './host-capabilities.mjs';

export const socket = Object.freeze({
  constructTCPSocketInstance: notOnHost('socket.constructTCPSocketInstance'),
  constructTCPSocketServerInstance: notOnHost('socket.constructTCPSocketServerInstance'),
});
