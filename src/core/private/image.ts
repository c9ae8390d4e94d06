/*
 * Container image references (`registry/repository:tag@sha256:digest`), shared by every construct that runs an
 * image: which version an image names, and whether that version is fixed.
 */

/** A container image reference, split into its parts. */
export interface ImageReference {
  /** The registry host (`ghcr.io`, `123456789012.dkr.ecr.eu-west-1.amazonaws.com`), or undefined for Docker Hub. */
  readonly registry?: string;
  /** The repository path (`acme/api`). */
  readonly repository: string;
  /** The tag (`1.4.2`), or undefined when the reference has none. */
  readonly tag?: string;
  /** The digest (`sha256:...`), or undefined when the reference has none. */
  readonly digest?: string;
}

const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** Splits an image reference into registry, repository, tag and digest. */
export function parseImage(image: string): ImageReference {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const tag = colon > slash ? name.slice(colon + 1) : undefined;
  const path = colon > slash ? name.slice(0, colon) : name;
  const first = path.split('/')[0];
  // A first segment with a dot or a port, or `localhost`, is a registry host (the Docker reference grammar).
  const hasRegistry = path.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return {
    registry: hasRegistry ? first : undefined,
    repository: hasRegistry ? path.slice(first.length + 1) : path,
    tag,
    digest,
  };
}

/**
 * Why `image` does not name a fixed version (a tag other than `latest`, or a digest), or undefined when it does.
 * Moving tags let two replicas of one workload run different code and make a rollback roll nothing back.
 */
export function unpinnedImageProblem(image: string): string | undefined {
  const ref = parseImage(image);
  if (ref.repository.length === 0 || /\s/.test(image)) {
    return 'it is not an image reference';
  }
  if (ref.digest !== undefined) {
    return DIGEST.test(ref.digest) ? undefined : 'its digest is malformed (expected "@sha256:" and 64 hex digits)';
  }
  if (ref.tag === undefined || ref.tag.length === 0) {
    return 'it has no tag, which means "latest"';
  }
  if (ref.tag === 'latest') {
    return 'it uses the moving tag "latest"';
  }
  return TAG.test(ref.tag) ? undefined : 'its tag is malformed (letters, digits, "_", "." and "-", at most 128 characters)';
}
