"""The book's numpy code (common/layers.py, multi_layer_net.py, optimizer.py), float64 as in the
book, timed on the same machine and the same workloads as `npm run bench`. Prints one JSON object.
Run by src-worker/bench/bench.ts when python3 with numpy is available; used as the reference."""
import json, sys, time
import numpy as np

def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    return np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)

def cross_entropy_error(y, t):
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size

class Relu:
    def forward(self, x):
        self.mask = (x <= 0); out = x.copy(); out[self.mask] = 0; return out
    def backward(self, dout):
        dout[self.mask] = 0; return dout

class Affine:
    def __init__(self, W, b): self.W, self.b = W, b
    def forward(self, x):
        self.x = x; return np.dot(x, self.W) + self.b
    def backward(self, dout):
        dx = np.dot(dout, self.W.T); self.dW = np.dot(self.x.T, dout); self.db = np.sum(dout, axis=0); return dx

class SoftmaxWithLoss:
    def forward(self, x, t):
        self.t = t; self.y = softmax(x); return cross_entropy_error(self.y, t)
    def backward(self):
        n = self.t.shape[0]; dx = self.y.copy(); dx[np.arange(n), self.t] -= 1; return dx / n

class MultiLayerNet:
    def __init__(self, sizes, weight_decay_lambda=0.0):
        self.sizes, self.lam, self.params, self.layers = sizes, weight_decay_lambda, {}, []
        for i in range(1, len(sizes)):
            self.params['W%d' % i] = np.sqrt(2.0 / sizes[i - 1]) * np.random.randn(sizes[i - 1], sizes[i])
            self.params['b%d' % i] = np.zeros(sizes[i])
        for i in range(1, len(sizes)):
            self.layers.append(Affine(self.params['W%d' % i], self.params['b%d' % i]))
            if i < len(sizes) - 1: self.layers.append(Relu())
        self.last = SoftmaxWithLoss()
    def predict(self, x):
        for layer in self.layers: x = layer.forward(x)
        return x
    def loss(self, x, t):
        y = self.predict(x)
        weight_decay = 0
        for i in range(1, len(self.sizes)):
            weight_decay += 0.5 * self.lam * np.sum(self.params['W%d' % i] ** 2)
        return self.last.forward(y, t) + weight_decay
    def accuracy(self, x, t):
        return np.sum(np.argmax(self.predict(x), axis=1) == t) / float(x.shape[0])
    def gradient(self, x, t):
        self.loss(x, t)
        dout = self.last.backward()
        for layer in reversed(self.layers): dout = layer.backward(dout)
        grads = {}
        for i in range(1, len(self.sizes)):
            a = self.layers[(i - 1) * 2]
            grads['W%d' % i] = a.dW + self.lam * a.W
            grads['b%d' % i] = a.db
        return grads

class SGD:
    def __init__(self, lr=0.01): self.lr = lr
    def update(self, params, grads):
        for key in params.keys(): params[key] -= self.lr * grads[key]

def median_ms(fn, reps):
    for _ in range(max(3, reps // 10)): fn()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter(); fn(); times.append((time.perf_counter() - t0) * 1000)
    times.sort(); return times[len(times) // 2]

def main():
    images, labels = sys.argv[1], sys.argv[2]
    x_all = (np.fromfile(images, dtype=np.uint8, offset=16).reshape(-1, 784).astype(np.float64) / 255.0)
    t_all = np.fromfile(labels, dtype=np.uint8, offset=8).astype(np.int64)
    np.random.seed(0)
    def step_bench(sizes, batch):
        net, opt = MultiLayerNet(sizes), SGD(0.01)
        def step():
            mask = np.random.choice(x_all.shape[0], batch)
            grads = net.gradient(x_all[mask], t_all[mask]); opt.update(net.params, grads)
        return median_ms(step, 200)
    w1 = step_bench([784, 100, 100, 100, 100, 10], 128)
    w3 = step_bench([784, 100, 100, 100, 100, 100, 100, 10], 100)
    net = MultiLayerNet([784, 100, 100, 100, 100, 10])
    x_test, t_test = x_all[:10000], t_all[:10000]
    w2 = median_ms(lambda: net.accuracy(x_test, t_test), 21)
    print(json.dumps({'numpy': np.__version__, 'W1': {'medianMs': w1}, 'W2': {'medianMs': w2}, 'W3': {'medianMs': w3}}))

main()
