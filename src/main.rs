use std::io::Write;

fn main() -> anyhow::Result<()> {
    // Temporary driver until the CLI lands: prints documents.jsonl for the files given.
    let pipeline = khabar::Pipeline::builtin()?;
    let out = std::io::stdout();
    let mut out = out.lock();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path)?;
        let doc = khabar::Document {
            id: path.clone(),
            path: path.clone(),
            text,
            ..Default::default()
        };
        let r = pipeline.process(&doc);
        serde_json::to_writer(&mut out, &r)?;
        writeln!(out)?;
    }
    Ok(())
}
