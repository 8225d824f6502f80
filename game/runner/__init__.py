"""The puzzle runner. `protocol` and `client` are pure (the UI imports them); everything else
imports torch and runs only in the runner service, the zygote and the sandbox."""
