use crate::claims::Claims;
use crate::diagnostic::{Finding, Label};
use crate::document::Document;
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, rule_config};

declare_rule! {
    /// ## What it does
    /// Reports a number the parser saw but could not read as a value: a run of digits too long
    /// to check, for example.
    ///
    /// ## Why is this bad?
    /// policy-lint never guesses a value. A figure it cannot read takes part in no check, and you
    /// should know which ones those are.
    ///
    /// ## Example
    /// ```text
    /// 共 99999999999999999999999999999999999999999999 宗     (too many digits to check)
    /// ```
    ///
    /// ## What it does not check
    /// Whether the number is right: only that it could not be read.
    pub struct UnparsedFigure {}
}

rule_config! {
    pub struct Config {}
}

impl RuleDef for UnparsedFigure {
    type Config = Config;
    const GROUP: Group = Group::Parser;
    fn build(_: &Config) -> Result<Self, String> {
        Ok(UnparsedFigure {})
    }
}

impl Rule for UnparsedFigure {
    fn check(&self, doc: &Document, _claims: &Claims, cx: &mut Context) {
        for u in &doc.unparsed {
            cx.report(
                Finding::new(format!("cannot read this figure: {}", u.reason), Label::new(u.span, "not checked"))
                    .help("policy-lint leaves figures it cannot read out of every check"),
            );
        }
    }
}
