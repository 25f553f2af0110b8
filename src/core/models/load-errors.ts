/**
 * Words for what goes wrong while fetching a model's files. The browser's own messages ("Failed to
 * fetch", "Failed to construct 'URL': Invalid URL") say neither which step failed nor what to do, so
 * every failure is described by the file, the host and, when there was an answer, its HTTP status.
 */

export interface LoadFailure {
  message: string;
  hint: string;
}

/** What the user typed as the hub host, checked before anything is fetched. */
export function checkHubHost(host: string): { ok: true; url: string } | { ok: false; failure: LoadFailure } {
  const trimmed = host.trim();
  let url: URL | null;
  try {
    url = new URL(trimmed);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    return {
      ok: false,
      failure: {
        message: `The hub host "${trimmed}" is not a web address.`,
        hint: 'Enter the address of a Hugging Face hub or a mirror, starting with https://, for example https://huggingface.co.',
      },
    };
  }
  return { ok: true, url: url.href.endsWith('/') ? url.href : `${url.href}/` };
}

export interface FetchFailureInput {
  /** The file being fetched, as the user knows it: "config.json", "onnx/model.onnx". */
  file: string;
  url: string;
  /** The model, for the message: "nobody/does-not-exist". */
  model: string;
  /** The HTTP status when the host answered. */
  status?: number;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The host answered with an error status. */
export function describeHttpFailure(input: FetchFailureInput & { status: number }): LoadFailure {
  const host = hostOf(input.url);
  const where = `${input.file} of ${input.model} from ${host}`;
  if (input.status === 404) {
    return {
      message: `Downloading ${where} failed: HTTP 404, the host has no such file.`,
      hint: input.file.startsWith('onnx/')
        ? 'The repository exists but has no ONNX export: choose a model that has onnx/model.onnx (for example one converted for transformers.js).'
        : 'Check the model id (owner/name, spelled as on the hub) and that the repository is public.',
    };
  }
  if (input.status === 401 || input.status === 403) {
    return {
      message: `Downloading ${where} failed: HTTP ${input.status}, the host refused access.`,
      hint: 'The repository is private or gated: the app cannot sign in, so choose a public model or download it and use "Local files".',
    };
  }
  if (input.status === 429) {
    return {
      message: `Downloading ${where} failed: HTTP 429, too many requests.`,
      hint: 'Wait a minute and load the model again.',
    };
  }
  if (input.status >= 500) {
    return {
      message: `Downloading ${where} failed: HTTP ${input.status}, the host had an error.`,
      hint: 'The host is having trouble: try again later, or use another host.',
    };
  }
  return { message: `Downloading ${where} failed: HTTP ${input.status}.`, hint: 'Check the model id and the host.' };
}

/** The request got no answer at all ("Failed to fetch"): the host is unreachable or refuses this site. */
export function describeNetworkFailure(input: FetchFailureInput, browserMessage: string): LoadFailure {
  const host = hostOf(input.url);
  return {
    message: `Could not reach ${host} to download ${input.file} of ${input.model} (the browser said: ${browserMessage}).`,
    hint: `Check that ${host} is the right host and that you are online; a host that does not allow other sites to read its files (CORS) fails the same way.`,
  };
}
