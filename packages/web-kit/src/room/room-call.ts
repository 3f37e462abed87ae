/**
 * The voice/video call of a consultation room: WebRTC peer to peer, signalled through the API
 * (`RoomApi.signal` out, `room.signal` stream events in). Either participant may call; the other
 * accepts or declines. When the browser refuses the microphone or camera the call ends with
 * `media_refused` and both sides keep the chat.
 *
 * If both call at the same moment, the customer's side gives way and answers the expert's call.
 */
import type { IceServer, RoomSignal, RoomSignalRequest } from '@lumira/shared';

export type CallPhase = 'idle' | 'calling' | 'incoming' | 'connecting' | 'connected';
export type CallEndReason = 'hangup' | 'declined' | 'media_refused' | 'failed';

export type CallSnapshot = {
  phase: CallPhase;
  video: boolean;
  muted: boolean;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  /** why the last call ended, and who ended it */
  ended: { reason: CallEndReason; by: 'me' | 'other' } | null;
};

export type RoomCallOptions = {
  role: 'customer' | 'expert';
  iceServers: readonly IceServer[];
  sendSignal(signal: RoomSignalRequest): Promise<void>;
  onChange(snapshot: CallSnapshot): void;
  /** injectable for tests */
  media?: Pick<MediaDevices, 'getUserMedia'>;
  createPeer?: (config: RTCConfiguration) => RTCPeerConnection;
};

function newCallId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return `call-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export class RoomCall {
  private snapshot: CallSnapshot = {
    phase: 'idle',
    video: false,
    muted: false,
    localStream: null,
    remoteStream: null,
    ended: null,
  };
  private peer: RTCPeerConnection | null = null;
  private callId: string | null = null;
  private incomingOffer: RTCSessionDescriptionInit | null = null;
  private queuedCandidates: RTCIceCandidateInit[] = [];
  /** Signals leave one after the other: an ICE candidate never overtakes the offer or answer it follows. */
  private sending: Promise<void> = Promise.resolve();

  constructor(private readonly options: RoomCallOptions) {}

  get state(): CallSnapshot {
    return this.snapshot;
  }

  /** Calls the other participant (voice, or voice and video). */
  async start(video: boolean): Promise<void> {
    if (this.snapshot.phase !== 'idle') return;
    const callId = newCallId();
    this.callId = callId;
    this.update({ phase: 'calling', video, ended: null });
    const stream = await this.openMedia(video);
    if (!stream) {
      this.callId = null;
      this.update({ phase: 'idle', ended: { reason: 'media_refused', by: 'me' } });
      return;
    }
    if (this.callId !== callId) return stopStream(stream); // hung up meanwhile
    const peer = this.createPeer(callId, stream);
    const offer = await peer.createOffer();
    await peer.setLocalDescription(offer);
    await this.send({
      type: 'offer',
      callId,
      video,
      description: { type: 'offer', sdp: offer.sdp ?? '' },
    });
  }

  /** Answers the incoming call. */
  async accept(): Promise<void> {
    const offer = this.incomingOffer;
    const callId = this.callId;
    if (this.snapshot.phase !== 'incoming' || !offer || !callId) return;
    this.update({ phase: 'connecting' });
    const stream = await this.openMedia(this.snapshot.video);
    if (!stream) {
      await this.send({ type: 'hangup', callId, reason: 'media_refused' });
      this.reset({ reason: 'media_refused', by: 'me' });
      return;
    }
    const peer = this.createPeer(callId, stream);
    await peer.setRemoteDescription(offer);
    await this.flushCandidates();
    const answer = await peer.createAnswer();
    await peer.setLocalDescription(answer);
    await this.send({ type: 'answer', callId, description: { type: 'answer', sdp: answer.sdp ?? '' } });
  }

  async decline(): Promise<void> {
    if (this.snapshot.phase !== 'incoming' || !this.callId) return;
    await this.send({ type: 'hangup', callId: this.callId, reason: 'declined' });
    this.reset({ reason: 'declined', by: 'me' });
  }

  async hangUp(): Promise<void> {
    const callId = this.callId;
    if (!callId || this.snapshot.phase === 'idle') return;
    this.reset({ reason: 'hangup', by: 'me' });
    await this.send({ type: 'hangup', callId, reason: 'hangup' });
  }

  toggleMute(): void {
    const muted = !this.snapshot.muted;
    for (const track of this.snapshot.localStream?.getAudioTracks() ?? []) track.enabled = !muted;
    this.update({ muted });
  }

  /** A signal from the other participant (through the room's stream). */
  async handleSignal(signal: RoomSignal): Promise<void> {
    switch (signal.type) {
      case 'offer': {
        const busy = this.snapshot.phase !== 'idle';
        if (busy) {
          const glare = this.snapshot.phase === 'calling' && this.options.role === 'customer';
          if (!glare) return; // already in a call: the other side's offer is ignored
          this.reset(null); // both called: the customer answers the expert's call instead
        }
        this.callId = signal.callId;
        this.incomingOffer = signal.description;
        this.queuedCandidates = [];
        this.update({ phase: 'incoming', video: signal.video, ended: null });
        return;
      }
      case 'answer':
        if (signal.callId !== this.callId || !this.peer) return;
        await this.peer.setRemoteDescription(signal.description);
        await this.flushCandidates();
        if (this.snapshot.phase === 'calling') this.update({ phase: 'connecting' });
        return;
      case 'candidate':
        if (signal.callId !== this.callId) return;
        if (this.peer?.remoteDescription) {
          await this.peer.addIceCandidate(signal.candidate).catch(() => undefined);
        } else {
          this.queuedCandidates.push(signal.candidate);
        }
        return;
      case 'hangup':
        if (signal.callId !== this.callId) return;
        this.reset({ reason: signal.reason, by: 'other' });
        return;
    }
  }

  /** The room closed or the page is leaving: end any call without telling anybody (the room is gone). */
  dispose(): void {
    this.reset(this.snapshot.phase === 'idle' ? this.snapshot.ended : { reason: 'hangup', by: 'me' });
  }

  private async openMedia(video: boolean): Promise<MediaStream | null> {
    const media = this.options.media ?? globalThis.navigator?.mediaDevices;
    if (!media?.getUserMedia) return null;
    try {
      const stream = await media.getUserMedia({ audio: true, video });
      this.update({ localStream: stream, muted: false });
      return stream;
    } catch {
      return null;
    }
  }

  private createPeer(callId: string, stream: MediaStream): RTCPeerConnection {
    const config: RTCConfiguration = { iceServers: this.options.iceServers.map((s) => ({ ...s })) };
    const peer = this.options.createPeer ? this.options.createPeer(config) : new RTCPeerConnection(config);
    this.peer = peer;
    for (const track of stream.getTracks()) peer.addTrack(track, stream);
    const remote = new MediaStream();
    peer.ontrack = (event) => {
      for (const track of event.streams[0]?.getTracks() ?? [event.track]) {
        if (!remote.getTracks().includes(track)) remote.addTrack(track);
      }
      this.update({ remoteStream: remote });
    };
    peer.onicecandidate = (event) => {
      if (event.candidate && this.callId === callId) {
        const c = event.candidate.toJSON();
        void this.send({
          type: 'candidate',
          callId,
          candidate: {
            candidate: c.candidate ?? '',
            sdpMid: c.sdpMid ?? null,
            sdpMLineIndex: c.sdpMLineIndex ?? null,
            usernameFragment: c.usernameFragment ?? null,
          },
        });
      }
    };
    peer.onconnectionstatechange = () => {
      if (this.peer !== peer) return;
      if (peer.connectionState === 'connected') this.update({ phase: 'connected' });
      if (peer.connectionState === 'failed') {
        void this.send({ type: 'hangup', callId, reason: 'failed' });
        this.reset({ reason: 'failed', by: 'me' });
      }
    };
    return peer;
  }

  private async flushCandidates(): Promise<void> {
    const queued = this.queuedCandidates.splice(0);
    for (const candidate of queued) await this.peer?.addIceCandidate(candidate).catch(() => undefined);
  }

  private send(signal: RoomSignalRequest): Promise<void> {
    this.sending = this.sending.then(() =>
      this.options.sendSignal(signal).catch(() => {
        // the room closed or the network dropped: the peer connection's own state says what happens next
      }),
    );
    return this.sending;
  }

  private reset(ended: CallSnapshot['ended']): void {
    const peer = this.peer;
    this.peer = null;
    this.callId = null;
    this.incomingOffer = null;
    this.queuedCandidates = [];
    if (peer) {
      peer.ontrack = null;
      peer.onicecandidate = null;
      peer.onconnectionstatechange = null;
      peer.close();
    }
    if (this.snapshot.localStream) stopStream(this.snapshot.localStream);
    this.update({ phase: 'idle', localStream: null, remoteStream: null, muted: false, ended });
  }

  private update(patch: Partial<CallSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    this.options.onChange(this.snapshot);
  }
}

function stopStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
