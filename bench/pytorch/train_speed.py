#!/usr/bin/env python3
"""Reference for `loupe bench train`: the same ONNX detector trained in PyTorch eager on the same machine.

Not part of Loupe. Needs Debian's python3-torch and python3-onnx. The graph is interpreted with torch ops
(as Loupe interprets it with DJL NDArray ops), then timed for forward + backward + Adam on random 416x416
input: batches as Loupe runs them (gradients of single-image passes accumulated), and as one batched tensor.
Prints JSON: images per second for each.
"""
import json
import os
import sys
import time

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper


def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


class Graph:
    def __init__(self, path):
        model = onnx.load(path)
        self.graph = model.graph
        self.params = {}
        self.ints = {}
        for t in self.graph.initializer:
            a = numpy_helper.to_array(t)
            if a.dtype == np.float32:
                self.params[t.name] = torch.tensor(a, requires_grad=True)
            else:
                self.ints[t.name] = [int(v) for v in a.reshape(-1)]
        self.consts = {}
        for n in self.graph.node:
            if n.op_type == "Constant":
                a = numpy_helper.to_array(attrs(n)["value"])
                if a.dtype == np.float32:
                    self.consts[n.output[0]] = torch.tensor(a)
                else:
                    self.ints[n.output[0]] = [int(v) for v in a.reshape(-1)]
        names = {i.name for i in self.graph.initializer}
        self.input = [i.name for i in self.graph.input if i.name not in names][0]
        self.output = self.graph.output[0].name

    def forward(self, x):
        v = dict(self.params)
        v.update(self.consts)
        v[self.input] = x
        ints = dict(self.ints)
        for n in self.graph.node:
            op, a = n.op_type, attrs(n)
            i = list(n.input)
            if op == "Constant":
                continue
            if op == "Shape":
                ints[n.output[0]] = list(v[i[0]].shape)
                continue
            if op in ("Slice", "Concat", "Gather") and i[0] in ints:
                src = ints[i[0]]
                if op == "Slice":
                    r = src[ints[i[1]][0]:min(ints[i[2]][0], len(src))]
                elif op == "Concat":
                    r = [z for name in i for z in ints[name]]
                else:
                    r = [src[k] for k in ints[i[1]]]
                ints[n.output[0]] = r
                continue
            x = v[i[0]]
            if op == "Conv":
                pads = a.get("pads", [0, 0, 0, 0])
                y = F.conv2d(x, v[i[1]], v[i[2]] if len(i) > 2 else None, a.get("strides", [1, 1]), pads[:2],
                             a.get("dilations", [1, 1]), a.get("group", 1))
            elif op == "Sigmoid":
                y = torch.sigmoid(x)
            elif op == "Relu":
                y = torch.relu(x)
            elif op == "Mul":
                y = x * v[i[1]]
            elif op == "Add":
                y = x + v[i[1]]
            elif op == "Concat":
                y = torch.cat([v[name] for name in i], dim=a["axis"])
            elif op == "Slice":
                starts, ends, axes = ints[i[1]], ints[i[2]], ints[i[3]]
                steps = ints[i[4]] if len(i) > 4 else [1] * len(starts)
                idx = [slice(None)] * x.dim()
                for s, e, ax, st in zip(starts, ends, axes, steps):
                    idx[ax] = slice(s, min(e, x.shape[ax]), st)
                y = x[tuple(idx)]
            elif op == "MaxPool":
                y = F.max_pool2d(x, a["kernel_shape"], a.get("strides", [1, 1]), a.get("pads", [0, 0, 0, 0])[:2])
            elif op == "Resize":
                y = x.repeat_interleave(2, dim=2).repeat_interleave(2, dim=3)
            elif op == "Reshape":
                shape = [x.shape[k] if s == 0 else s for k, s in enumerate(ints[i[1]])]
                y = x.reshape(shape)
            elif op == "Transpose":
                y = x.permute(a["perm"])
            else:
                raise SystemExit("operator %s is not in this reference" % op)
            v[n.output[0]] = y
        return v[self.output]


def timed(graph, batch, steps, batched):
    opt = torch.optim.Adam(graph.params.values(), lr=1e-5)
    x = torch.rand(batch, 3, 416, 416) * 255
    images = 0
    start = None
    for step in range(steps + 2):
        if step == 2:
            start = time.perf_counter()
            images = 0
        opt.zero_grad()
        if batched:
            graph.forward(x).square().mean().backward()
        else:
            for k in range(batch):
                (graph.forward(x[k:k + 1]).square().mean() / batch).backward()
        opt.step()
        images += batch
    return images / (time.perf_counter() - start)


def main():
    path, batch, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    torch.manual_seed(1)
    torch.set_num_threads(os.cpu_count())  # as many threads as Loupe's libtorch uses
    graph = Graph(path)
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                      "accumulatedImagesPerSec": round(timed(graph, batch, steps, False), 2),
                      "batchedImagesPerSec": round(timed(graph, batch, steps, True), 2)}))


if __name__ == "__main__":
    main()
