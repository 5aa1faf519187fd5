"""publish.py deploy TARGET: send the built site to where it is served, only what changed.

TARGET is a URL; its scheme picks the publisher (see plugins/gongkai/publishers/):
a folder (file:///srv/www or a plain path), sftp://, s3://, ftp:// / ftps://, or a git
pages branch (git+file:// / git+ssh://…#branch). The output folder must match its own
manifest (a half-built or edited output is never published). One line per file sent on
stdout (新增 / 更新 / 删除 path); a progress bar on a terminal; secrets never printed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..manifest import MANIFEST, SIGNATURE, Entry, manifest_site, parse_manifest, scan, sha256_file
from ..project import DEFAULT_CONFIG, from_args
from . import UsageError
from ..publishers import SCHEMES, DeployError
from ..publishers.base import stderr_is_terminal
from ..publishers.credentials import Credentials
from ..publishers.plan import DELETE, REPLACE, UPLOAD
from ..publishers.target import mask, parse_target
from .build import build

HELP = "发布网站到文件夹、SFTP、对象存储、FTP 或 git 分支（只传改动的文件）"
EXAMPLES = ("file:///srv/www/gongkai", "sftp://user@example.cn/var/www/gongkai",
            "s3://bucket/site?endpoint=https://oss-cn-chengdu.aliyuncs.com&region=cn-chengdu",
            "ftp://user@ftp.example.cn/htdocs", "git+ssh://git@example.cn/gongkai.git#gh-pages")


def add_arguments(parser) -> None:
    parser.add_argument("target", metavar="目标地址", help="例如 " + "、".join(EXAMPLES))
    parser.add_argument("--dry-run", action="store_true", help="只列出会新增、更新、删除哪些文件，不做任何改动")
    parser.add_argument("--force", action="store_true", help="不管目标上记录的清单，全部重新上传")
    parser.add_argument("--build", action="store_true", help="先检查并生成网站（publish.py build），成功后再发布")


def human_bytes(count: int) -> str:
    for unit in ("字节", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count} {unit}" if unit == "字节" else f"{count:.1f} {unit}"
        count /= 1024
    return str(count)


def locate(args) -> tuple[Path, Path | None]:
    """The output folder to publish and (when there is one) the content folder."""
    if args.output and not args.content and not args.config:
        content = DEFAULT_CONFIG.parent / "content"
        return Path(args.output).resolve(), content if content.is_dir() else None
    project = from_args(args)
    return project.output, project.content


def published_files(output: Path) -> list[Entry]:
    """Every file of the built site, checked against its manifest: never publish a half-built one."""
    if not (output / MANIFEST).is_file():
        raise UsageError(f"{output} 里没有 {MANIFEST}：请先运行 publish.py build")
    manifest = (output / MANIFEST).read_bytes()
    listed = parse_manifest(manifest)
    if not manifest_site(manifest):
        raise UsageError(f"{output} 是本机预览版（生成时没有设置网站地址 SITEURL）：它的订阅源、开放数据和网站地图里的地址"
                         "都指向 http://127.0.0.1:8000/，打印的公示没有二维码，不能发布。请在 pelicanconf.py 里写上网站的地址，"
                         '例如 SITEURL = "https://gongkai.qingchuan.gov.cn"，运行 publish.py build 后再发布')
    found = scan(output)
    if {(e.path, e.sha256) for e in listed} != {(e.path, e.sha256) for e in found}:
        differ = sorted({e.path for e in listed} ^ {e.path for e in found}
                        | {e.path for e in found if (e.path, e.sha256) not in {(x.path, x.sha256) for x in listed}})
        raise UsageError(f"{output} 与它的 {MANIFEST} 不符（{differ[0]} 等 {len(differ)} 个文件）："
                         "网站生成后被改过或没有生成完，请重新运行 publish.py build")
    extra = [Entry(name, (output / name).stat().st_size, sha256_file(output / name))
             for name in (MANIFEST, SIGNATURE) if (output / name).is_file()]
    return found + extra


class Progress:
    """Report lines on stdout; a bar with counts and bytes on stderr when it is a terminal."""

    def __init__(self, secrets, dry_run: bool):
        self.secrets = secrets
        self.dry_run = dry_run
        self.bar = None

    def say(self, text: str, stream=None) -> None:
        text = mask(text, self.secrets)
        if self.bar is not None:
            self.bar.write(text, file=stream or sys.stdout)
        else:
            print(text, file=stream or sys.stdout, flush=True)

    def planned(self, changes) -> None:
        if self.dry_run:
            for change in changes:
                self.say(f"{change.action} {change.path}")
            return
        self.total = sum(1 for c in changes)
        self.count = 0
        if changes and stderr_is_terminal():
            from tqdm import tqdm

            self.bar = tqdm(total=sum(c.size for c in changes), unit="B", unit_scale=True, unit_divisor=1024,
                            file=sys.stderr, desc="上传", leave=False, dynamic_ncols=True, mininterval=0.2)
            self.bar.set_postfix_str(f"0/{self.total} 个文件")

    def done(self, change) -> None:
        self.count += 1
        self.say(f"{change.action} {change.path}")
        if self.bar is not None:
            self.bar.set_postfix_str(f"{self.count}/{self.total} 个文件", refresh=False)
            self.bar.update(change.size)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def run(args) -> int:
    target = parse_target(args.target)
    publisher_class = SCHEMES.get(target.scheme)
    if publisher_class is None:
        raise UsageError(f"不认识的目标地址 {target.display}：支持 " + "、".join(f"{s}://" for s in sorted(SCHEMES)))
    if args.build:
        status = build(from_args(args))
        if status != 0:
            return status  # the problems are printed; nothing is published
    output, content = locate(args)
    if target.scheme == "file":
        folder = Path(target.path).resolve()
        if folder == output or folder.is_relative_to(output) or output.is_relative_to(folder):
            raise UsageError(f"目标文件夹 {folder} 与网站文件夹 {output} 重叠：请发布到别处")
    local = published_files(output)
    credentials = Credentials(target)
    publisher = publisher_class(target, credentials)
    publisher.content = content
    progress = Progress(credentials.secrets, args.dry_run)
    try:
        with publisher:
            report = publisher.publish(output, local, dry_run=args.dry_run, force=args.force, progress=progress)
    except DeployError as error:
        progress.close()
        print(f"publish.py: 错误: {mask(error, credentials.secrets)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        progress.close()
        print("publish.py: 已中断：目标上的网站仍然完整（旧页面还在）；重新运行 deploy 会接着完成", file=sys.stderr)
        return 2
    except Exception as error:  # never let a library's message carry a password to the screen
        progress.close()
        print(f"publish.py: 程序内部错误（{type(error).__name__}: {mask(error, credentials.secrets)}）："
              "请把这一行发给县信息中心", file=sys.stderr)
        return 2
    progress.close()
    counts = (f"新增 {report.count(UPLOAD)}、更新 {report.count(REPLACE)}、删除 {report.count(DELETE)} 个文件"
              f"（{human_bytes(report.bytes)}），{report.unchanged} 个文件没有改动")
    if args.dry_run:
        print(f"演练：发布到 {target.display} 将{counts}；没有做任何改动", file=sys.stderr)
    elif not report.changes:
        print(f"{target.display} 已是最新：{report.unchanged} 个文件都没有改动", file=sys.stderr)
    else:
        print(mask(f"已发布到 {target.display}：{counts}", credentials.secrets), file=sys.stderr)
    return 0
