// The wire contract of the preview's API-server verdicts: the backend fills it, the frontend shows it.

/** What the target cluster's API server said of one object the request would apply. */
export interface ServerVerdict {
  kind: string;
  name: string;
  /**
   * `accepted`/`refused`: the API server's answer to a server-side dry-run apply; `unreachable`
   * and `timeout`: no answer (the core's own checks are all there is); `skipped`: not asked, the
   * message says why.
   */
  verdict: 'accepted' | 'refused' | 'unreachable' | 'timeout' | 'skipped';
  /** The API server's own message when it refused; otherwise what happened, in a sentence. */
  message: string;
}

/** The target API server's verdicts on a preview's objects; absent when the cluster has no url. */
export interface ServerVerdicts {
  cluster: string;
  /**
   * What answered: "Karpenter CRDs" (the reconciler may not read CRDs, so their version is not
   * known; the verdict is still the installed CRDs' own).
   */
  validator: string;
  verdicts: ServerVerdict[];
}
