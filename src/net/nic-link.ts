// The link between a network backend (the user-mode NAT) and a NIC (virtio-net), like QEMU's
// NetClientState peers. The NIC calls the backend with the guest's frames; the backend calls the
// NIC to deliver frames to the guest. Frames are whole Ethernet frames without FCS.

/** Per-frame offload metadata for a frame going to the guest. */
export interface RxOffload {
  /** The TCP checksum is not filled in: the data is trusted (virtio DATA_VALID). */
  checksumNotFilled: boolean;
  /** A TCP segment larger than the guest's MSS, to be seen as segments of this size (virtio GSO TCPV4); 0 = none. */
  gsoMss: number;
}

/** What a backend needs from the NIC. */
export interface NicLink {
  /** A frame for the guest (the NIC may keep the array). `offload` only when the offloads below allow it. */
  deliver(frame: Uint8Array, offload: RxOffload | null): void;
  /**
   * False while the NIC holds frames the guest has no buffers for; the backend should then hold
   * back bulk data until NetBackend.linkReady(). Frames delivered anyway are queued or dropped.
   */
  readonly ready: boolean;
  /** The guest accepts TCP frames with checksumNotFilled (virtio VIRTIO_NET_F_GUEST_CSUM). */
  readonly rxChecksumOffload: boolean;
  /** The guest accepts TCP segments up to 64 KiB with gsoMss (virtio VIRTIO_NET_F_GUEST_TSO4). */
  readonly rxTso: boolean;
}

/** What a NIC needs from its backend. */
export interface NetBackend {
  /** Connects the NIC (null: unplugged). */
  attach(link: NicLink | null): void;
  /**
   * A frame from the guest. The array may be a view of guest memory valid only during the call.
   * `checksumPartial`: the TCP/UDP checksum was left for the device (virtio NEEDS_CSUM), do not check it.
   * The frame may be a TCP segment larger than the MTU (virtio HOST_TSO4).
   */
  receive(frame: Uint8Array, checksumPartial: boolean): void;
  /** The end of a batch of receive() calls (one transmit kick): a good time to send coalesced ACKs. */
  flush(): void;
  /** The NIC became ready again (the guest posted receive buffers). */
  linkReady(): void;
}
