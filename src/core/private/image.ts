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

/*
 * The image reference grammar of the distribution project (distribution/reference, regexp.go), which Docker,
 * containerd and Kubernetes' kubelet parse image names with:
 *
 *   reference      := name [ ":" tag ] [ "@" digest ]
 *   name           := [domain "/"] path-component ["/" path-component]*       (at most 255 characters)
 *   domain         := (domain-name | "[" ipv6 "]") [":" port]
 *   path-component := [a-z0-9]+ ((\. | _ | __ | -+) [a-z0-9]+)*                 (lower case only)
 *   tag            := [\w][\w.-]{0,127}
 *   digest         := algorithm ":" hex{32,}   (sha256: 64 hex digits, sha512: 128)
 *
 * The first component is the registry (domain) when it has a "." or ":", is "localhost", or has upper-case letters
 * (reference/normalize.go, splitDockerDomain).
 */
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const TAG_PATTERN = '[\\w][\\w.-]{0,127}';
const DIGEST_PATTERN = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(?:(${DOMAIN})/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG_PATTERN}))?(?:@(${DIGEST_PATTERN}))?$`);
const NAME_MAX_LENGTH = 255;
const DIGEST_LENGTHS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

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
  // A first segment with a dot, a port or an upper-case letter, or `localhost`, is a registry host (normalize.go).
  const hasRegistry = path.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase());
  return {
    registry: hasRegistry ? first : undefined,
    repository: hasRegistry ? path.slice(first.length + 1) : path,
    tag,
    digest,
  };
}

/**
 * Why `image` is not a valid image reference (the distribution grammar above), or undefined when it is one. A
 * reference the grammar refuses is refused by every container runtime when the first replica starts.
 */
export function imageReferenceProblem(image: string): string | undefined {
  if (typeof image !== 'string' || image.length === 0) {
    return 'it is empty';
  }
  const m = REFERENCE.exec(image);
  if (!m) {
    // Said before any part of it is quoted: a URL may carry a key (a webhook), and parts of it would be shown.
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(image)) {
      return 'it is a URL, not an image reference (no scheme: write "ghcr.io/acme/api:1.4.2", not "https://ghcr.io/...")';
    }
    const ref = parseImage(image);
    if (/[A-Z]/.test(ref.repository)) {
      return `the repository name "${ref.repository}" must be lower case`;
    }
    if (/\s/.test(image)) {
      return 'it contains white space';
    }
    if (ref.digest !== undefined && !new RegExp(`^${DIGEST_PATTERN}$`).test(ref.digest)) {
      return 'its digest is malformed (expected "@sha256:" and 64 hex digits)';
    }
    if ((image.split('@')[0].match(/:/g) ?? []).length > (ref.registry?.includes(':') ? 2 : 1)) {
      return 'it has more than one ":" tag separator';
    }
    return 'it does not follow the reference grammar [registry/]repository[:tag][@digest], with lower-case repository names';
  }
  const [, domain, path, , digest] = m;
  if ((domain ? domain.length + 1 : 0) + path.length > NAME_MAX_LENGTH) {
    return `its name is longer than ${NAME_MAX_LENGTH} characters`;
  }
  if (digest !== undefined) {
    const [algorithm, hex] = digest.split(':');
    const length = DIGEST_LENGTHS[algorithm];
    if (length !== undefined && hex.length !== length) {
      return `its ${algorithm} digest must have ${length} hex digits, got ${hex.length}`;
    }
  }
  return undefined;
}

/**
 * Why `image` does not name a fixed version (a tag other than `latest`, or a digest), or undefined when it does.
 * Moving tags let two replicas of one workload run different code and make a rollback roll nothing back.
 */
export function unpinnedImageProblem(image: string): string | undefined {
  const invalid = imageReferenceProblem(image);
  if (invalid !== undefined) {
    return `it is not a valid image reference: ${invalid}`;
  }
  const ref = parseImage(image);
  if (ref.digest !== undefined) {
    return undefined;
  }
  if (ref.tag === undefined || ref.tag.length === 0) {
    return 'it has no tag, which means "latest"';
  }
  if (ref.tag === 'latest') {
    return 'it uses the moving tag "latest"';
  }
  return undefined;
}
