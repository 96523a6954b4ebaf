//! PLACEHOLDER until the real module lands.
#![allow(dead_code, unused_variables)]
use std::path::Path;
pub const NAMESPACE: &str = "docket-minutes";
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKey;
#[derive(Debug)]
pub enum KeyError {
    Bad,
}
#[derive(Debug)]
pub enum AgentError {
    NoAgent,
}
#[derive(Debug)]
pub enum SigError {
    Bad,
}
pub fn parse_public_key(line: &str) -> Result<PublicKey, KeyError> {
    todo!()
}
pub fn fingerprint(key: &PublicKey) -> String {
    todo!()
}
pub fn openssh(key: &PublicKey) -> String {
    todo!()
}
pub struct Agent;
impl Agent {
    pub fn from_env() -> Result<Agent, AgentError> {
        todo!()
    }
    pub fn connect(path: &Path) -> Result<Agent, AgentError> {
        todo!()
    }
    pub fn identities(&mut self) -> Result<Vec<PublicKey>, AgentError> {
        todo!()
    }
    pub fn sign(
        &mut self,
        key: &PublicKey,
        namespace: &str,
        message: &[u8],
    ) -> Result<String, AgentError> {
        todo!()
    }
}
pub fn verify(armored: &str, namespace: &str, message: &[u8]) -> Result<PublicKey, SigError> {
    todo!()
}
pub fn allowed_signers_line(principal: &str, key: &PublicKey) -> String {
    todo!()
}
pub struct AllowedSigner {
    pub principals: Vec<String>,
    pub namespaces: Option<Vec<String>>,
    pub key: PublicKey,
}
#[derive(Debug)]
pub enum AllowedError {
    Bad,
}
pub fn parse_allowed_signers(text: &str) -> Result<Vec<AllowedSigner>, (u32, AllowedError)> {
    todo!()
}
