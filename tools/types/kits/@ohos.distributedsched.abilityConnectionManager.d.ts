/*
 * Declarations of cross-device connection management for third-party apps, written from the
 * platform's "@ohos.distributedsched.abilityConnectionManager (Cross-Device Connection Management)"
 * API reference (system-only members left out). The published @arkts/declarations package stops at
 * API 13 and lacks this API 18 module. For host type-checking only: DevEco uses the SDK's own copy,
 * and at run time on Node the kit is replaced by tools/stubs/kit.DistributedServiceKit.mjs.
 */
import { Callback } from '@ohos.base';
import common from '@ohos.app.ability.common';

/**
 * Cross-device connection between the same app on devices of one account.
 *
 * @syscap SystemCapability.DistributedSched.AppCollaboration
 * @stagemodelonly
 * @since 18
 */
declare namespace abilityConnectionManager {
  /**
   * Which app on which device takes part in a collaboration.
   *
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  interface PeerInfo {
    /** @since 18 */
    deviceId: string;
    /** @since 18 */
    bundleName: string;
    /** @since 18 */
    moduleName: string;
    /** @since 18 */
    abilityName: string;
    /** @since 18 */
    serviceName?: string;
  }

  /**
   * How the session is set up.
   *
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  interface ConnectOptions {
    /** Whether the session carries data. @since 18 */
    needSendData?: boolean;
    /** How the peer app is started. @since 18 */
    startOptions?: StartOptionParams;
    /** Extra settings of the connection. @since 18 */
    parameters?: Record<string, string>;
  }

  /**
   * Outcome of `connect`.
   *
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  interface ConnectResult {
    /** @since 18 */
    isConnected: boolean;
    /** @since 18 */
    errorCode?: ConnectErrorCode;
    /** Why the peer refused. @since 18 */
    reason?: string;
  }

  /**
   * Why a connection could not be made.
   *
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  enum ConnectErrorCode {
    /** @since 18 */
    CONNECTED_SESSION_EXISTS = 0,
    /** @since 18 */
    PEER_APP_REJECTED = 1,
    /** @since 18 */
    LOCAL_WIFI_NOT_OPEN = 2,
    /** @since 18 */
    PEER_WIFI_NOT_OPEN = 3,
    /** @since 18 */
    PEER_ABILITY_NO_ONCOLLABORATE = 4,
    /** @since 18 */
    SYSTEM_INTERNAL_ERROR = 5
  }

  /**
   * How the peer app is started.
   *
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  enum StartOptionParams {
    /** @since 18 */
    START_IN_FOREGROUND = 0
  }

  /**
   * What an event callback receives.
   *
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  interface EventCallbackInfo {
    /** @since 18 */
    sessionId: number;
    /** On 'disconnect'. @since 18 */
    reason?: DisconnectReason;
    /** On 'receiveMessage'. @since 18 */
    msg?: string;
    /** On 'receiveData'. @since 18 */
    data?: ArrayBuffer;
  }

  /**
   * Why a session ended.
   *
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  enum DisconnectReason {
    /** @since 18 */
    PEER_APP_CLOSE_COLLABORATION = 0,
    /** @since 18 */
    PEER_APP_EXIT = 1,
    /** @since 18 */
    NETWORK_DISCONNECTED = 2
  }

  /**
   * Keys of the collaboration parameters an app receives.
   *
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  enum CollaborationKeys {
    /** @since 18 */
    PEER_INFO = 'ohos.collaboration.key.peerInfo',
    /** @since 18 */
    CONNECT_OPTIONS = 'ohos.collaboration.key.connectOptions',
    /** @since 18 */
    COLLABORATE_TYPE = 'ohos.collaboration.key.abilityCollaborateType'
  }

  /**
   * @throws { BusinessError } 401 - Parameter error.
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  function on(type: 'connect', sessionId: number, callback: Callback<EventCallbackInfo>): void;

  /**
   * @throws { BusinessError } 401 - Parameter error.
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  function off(type: 'connect', sessionId: number, callback?: Callback<EventCallbackInfo>): void;

  /**
   * @throws { BusinessError } 401 - Parameter error.
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  function on(type: 'disconnect', sessionId: number, callback: Callback<EventCallbackInfo>): void;

  /**
   * @throws { BusinessError } 401 - Parameter error.
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  function off(type: 'disconnect', sessionId: number, callback?: Callback<EventCallbackInfo>): void;

  /**
   * @throws { BusinessError } 401 - Parameter error.
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  function on(type: 'receiveMessage', sessionId: number, callback: Callback<EventCallbackInfo>): void;

  /**
   * @throws { BusinessError } 401 - Parameter error.
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  function off(type: 'receiveMessage', sessionId: number, callback?: Callback<EventCallbackInfo>): void;

  /**
   * @throws { BusinessError } 401 - Parameter error.
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  function on(type: 'receiveData', sessionId: number, callback: Callback<EventCallbackInfo>): void;

  /**
   * @throws { BusinessError } 401 - Parameter error.
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  function off(type: 'receiveData', sessionId: number, callback?: Callback<EventCallbackInfo>): void;

  /**
   * Creates a collaboration session and returns its id. `serviceName` (at most 256 characters) must
   * be the same on both ends.
   *
   * @permission ohos.permission.INTERNET and ohos.permission.GET_NETWORK_INFO and
   *     ohos.permission.SET_NETWORK_INFO and ohos.permission.DISTRIBUTED_DATASYNC
   * @throws { BusinessError } 201 - Permission denied.
   * @throws { BusinessError } 401 - Parameter error.
   * @throws { BusinessError } 801 - Capability not supported.
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  function createAbilityConnectionSession(serviceName: string, context: common.Context, peerInfo: PeerInfo,
    connectOptions: ConnectOptions): number;

  /**
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  function destroyAbilityConnectionSession(sessionId: number): void;

  /**
   * @throws { BusinessError } 401 - Parameter error.
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  function getPeerInfoById(sessionId: number): PeerInfo | undefined;

  /**
   * Connects the session (starting the peer app).
   *
   * @throws { BusinessError } 401 - Parameter error.
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  function connect(sessionId: number): Promise<ConnectResult>;

  /**
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  function disconnect(sessionId: number): void;

  /**
   * Accepts the connection the peer asked for, with the token it passed.
   *
   * @throws { BusinessError } 401 - Parameter error.
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  function acceptConnect(sessionId: number, token: string): Promise<void>;

  /**
   * @throws { BusinessError } 401 - Parameter error.
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  function reject(token: string, reason: string): void;

  /**
   * Sends text of at most 1 KB.
   *
   * @throws { BusinessError } 401 - Parameter error.
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  function sendMessage(sessionId: number, msg: string): Promise<void>;

  /**
   * Sends bytes.
   *
   * @throws { BusinessError } 401 - Parameter error.
   * @syscap SystemCapability.DistributedSched.AppCollaboration
   * @stagemodelonly
   * @since 18
   */
  function sendData(sessionId: number, data: ArrayBuffer): Promise<void>;
}

export default abilityConnectionManager;
