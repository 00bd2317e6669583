//! Who may write: bearer tokens a server checks on `/update` and on Graph
//! Store writes. The credentials file keeps each token's SHA-256, never the
//! token; a request's token is hashed and compared with every entry in
//! constant time, so neither the answer's time nor an early exit tells how
//! much of a guess was right. Reads need no token.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The tokens a server accepts, each under the name of whom it was given to.
#[derive(Clone)]
pub struct Credentials {
    entries: Vec<(String, [u8; 32])>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.entries.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("Credentials")
            .field("names", &names)
            .finish()
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CredentialsError {
    #[error("cannot read the credentials file {}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}:{line}: {message}", path.display())]
    Line {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{}: no credentials (lines of NAME SHA256; see `newsgraph serve --help`)", path.display())]
    Empty { path: PathBuf },
}

/// Why a write was refused, as the log and the 401 answer say it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Refusal {
    #[error("no Authorization header (writes need `Authorization: Bearer TOKEN`)")]
    Missing,
    #[error("the Authorization header is not `Bearer TOKEN`")]
    NotBearer,
    #[error("the token is not one of the server's credentials")]
    Unknown,
}

impl Credentials {
    /// Reads a credentials file: one `NAME SHA256` per line, the SHA-256 of
    /// the token in hexadecimal (`printf %s "$TOKEN" | sha256sum`); blank
    /// lines and lines starting with `#` are skipped.
    pub fn read(path: &Path) -> Result<Credentials, CredentialsError> {
        let text = std::fs::read_to_string(path).map_err(|source| CredentialsError::Read {
            path: path.to_owned(),
            source,
        })?;
        Credentials::parse(&text).map_err(|error| match error {
            ParseError::Line(line, message) => CredentialsError::Line {
                path: path.to_owned(),
                line,
                message,
            },
            ParseError::Empty => CredentialsError::Empty {
                path: path.to_owned(),
            },
        })
    }

    fn parse(text: &str) -> Result<Credentials, ParseError> {
        let mut entries: Vec<(String, [u8; 32])> = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let line_number = index + 1;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fail = |message: String| ParseError::Line(line_number, message);
            let mut fields = line.split_whitespace();
            let (Some(name), Some(hash), None) = (fields.next(), fields.next(), fields.next())
            else {
                return Err(fail(
                    "expected NAME and the token's SHA-256 in hexadecimal, separated by a space"
                        .to_owned(),
                ));
            };
            let digest = parse_digest(hash).ok_or_else(|| {
                fail(format!(
                    "`{hash}` is not a SHA-256 in hexadecimal (64 digits); store the token's hash, not the token"
                ))
            })?;
            if entries.iter().any(|(known, _)| known == name) {
                return Err(fail(format!("the name `{name}` is given twice")));
            }
            entries.push((name.to_owned(), digest));
        }
        if entries.is_empty() {
            return Err(ParseError::Empty);
        }
        Ok(Credentials { entries })
    }

    /// The name of whom the request's `Authorization` header (its value,
    /// when there is one) identifies.
    pub fn check(&self, authorization: Option<&[u8]>) -> Result<&str, Refusal> {
        let header = authorization.ok_or(Refusal::Missing)?;
        let token = bearer_token(header).ok_or(Refusal::NotBearer)?;
        let digest: [u8; 32] = Sha256::digest(token).into();
        // Every entry is compared to the end, whatever matched.
        let mut found = None;
        for (name, known) in &self.entries {
            let difference = known
                .iter()
                .zip(&digest)
                .fold(0u8, |difference, (a, b)| difference | (a ^ b));
            if difference == 0 {
                found = Some(name.as_str());
            }
        }
        found.ok_or(Refusal::Unknown)
    }
}

enum ParseError {
    Line(usize, String),
    Empty,
}

/// The token of `Bearer TOKEN` (the scheme in any case, RFC 7235).
fn bearer_token(header: &[u8]) -> Option<&[u8]> {
    let header = header.trim_ascii();
    let (scheme, token) = header.split_at_checked(6)?;
    if !scheme.eq_ignore_ascii_case(b"bearer") {
        return None;
    }
    let token = token.strip_prefix(b" ")?.trim_ascii();
    (!token.is_empty()).then_some(token)
}

fn parse_digest(hex: &str) -> Option<[u8; 32]> {
    if hex.len() != 64 || !hex.is_ascii() {
        return None;
    }
    let mut digest = [0u8; 32];
    for (byte, pair) in digest.iter_mut().zip(hex.as_bytes().chunks(2)) {
        *byte = u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()?;
    }
    Some(digest)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A token's SHA-256 in hexadecimal, as `printf %s TOKEN | sha256sum` prints it.
    fn hash_of(token: &str) -> String {
        Sha256::digest(token.as_bytes())
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }

    fn credentials() -> Credentials {
        let text = format!(
            "# who may write\n\nalice {}\nbob   {}\n",
            hash_of("s3cret-token"),
            hash_of("another one")
        );
        Credentials::parse(&text).ok().expect("the file reads")
    }

    #[test]
    fn a_known_token_names_its_holder_and_anything_else_is_refused() {
        let credentials = credentials();
        assert_eq!(credentials.check(Some(b"Bearer s3cret-token")), Ok("alice"));
        assert_eq!(credentials.check(Some(b"bearer another one")), Ok("bob"));
        assert_eq!(
            credentials.check(Some(b"  BEARER  s3cret-token ")),
            Ok("alice")
        );
        assert_eq!(credentials.check(None), Err(Refusal::Missing));
        assert_eq!(
            credentials.check(Some(b"Basic YWxpY2U6eA==")),
            Err(Refusal::NotBearer)
        );
        assert_eq!(credentials.check(Some(b"Bearer")), Err(Refusal::NotBearer));
        assert_eq!(credentials.check(Some(b"Bearer ")), Err(Refusal::NotBearer));
        assert_eq!(
            credentials.check(Some(b"Bearer s3cret-tokem")),
            Err(Refusal::Unknown)
        );
        // The stored hash itself is no token.
        let hash = format!("Bearer {}", hash_of("s3cret-token"));
        assert_eq!(
            credentials.check(Some(hash.as_bytes())),
            Err(Refusal::Unknown)
        );
        assert_eq!(
            credentials.check(Some("Bearer é".as_bytes())),
            Err(Refusal::Unknown)
        );
    }

    #[test]
    fn a_bad_file_is_refused_with_its_line() {
        let message = |text: &str| match Credentials::parse(text) {
            Err(ParseError::Line(line, message)) => format!("{line}: {message}"),
            Err(ParseError::Empty) => "empty".to_owned(),
            Ok(_) => "read".to_owned(),
        };
        let good = hash_of("x");
        assert_eq!(message("# nothing\n\n"), "empty");
        assert!(
            message(&format!("alice {good}\nbob s3cret-token\n"))
                .starts_with("2: `s3cret-token` is not a SHA-256"),
            "a token in place of its hash is refused"
        );
        assert!(message("alice\n").starts_with("1: expected NAME and"));
        assert!(message(&format!("alice {good} extra\n")).starts_with("1: expected NAME and"));
        assert_eq!(
            message(&format!("alice {good}\nalice {good}\n")),
            "2: the name `alice` is given twice"
        );
        let upper = good.to_uppercase();
        assert_eq!(message(&format!("alice {upper}\n")), "read");
    }

    #[test]
    fn the_file_error_names_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tokens");
        std::fs::write(&path, "alice nothex\n").unwrap();
        let error = Credentials::read(&path).unwrap_err().to_string();
        assert!(
            error.starts_with(&format!("{}:1: ", path.display())),
            "{error}"
        );
        let missing = Credentials::read(&dir.path().join("absent")).unwrap_err();
        assert!(missing.to_string().contains("absent"), "{missing}");
    }

    #[test]
    fn debug_output_shows_names_not_hashes() {
        let shown = format!("{:?}", credentials());
        assert!(shown.contains("alice") && !shown.contains(&hash_of("s3cret-token")));
    }
}
