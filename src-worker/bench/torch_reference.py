"""The chapter's six MNIST experiments at their defaults, written as a student would write them in
PyTorch (CPU, float32, the book's loops: minibatches drawn with replacement, accuracy on the full
sets each epoch in inference mode), timed on the same machine as `npm run bench`'s suite; plus the
bench's W1/W2/W3 workloads. Prints one JSON object. Run by src-worker/bench/bench.ts when python3
with torch is available (Debian: the python3-torch package).

usage: torch_reference.py MNIST_DIR THREADS"""
import json, math, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

mnist_dir, threads = sys.argv[1], int(sys.argv[2])
torch.set_num_threads(threads)
torch.manual_seed(0)


def idx(name, offset, shape):
    return np.fromfile(f'{mnist_dir}/{name}', dtype=np.uint8, offset=offset).reshape(shape)


x_train = torch.from_numpy(idx('train-images-idx3-ubyte', 16, (-1, 784)).astype(np.float32) / 255.0)
t_train = torch.from_numpy(idx('train-labels-idx1-ubyte', 8, (-1,)).astype(np.int64))
x_test = torch.from_numpy(idx('t10k-images-idx3-ubyte', 16, (-1, 784)).astype(np.float32) / 255.0)
t_test = torch.from_numpy(idx('t10k-labels-idx1-ubyte', 8, (-1,)).astype(np.int64))


def net(hidden, std='he', batchnorm=False, dropout=0.0):
    """The book's MultiLayerNet(Extend): Affine (→ BatchNorm) → ReLU (→ Dropout) per hidden layer."""
    layers, fan_in = [], 784
    for size in hidden + [10]:
        affine = nn.Linear(fan_in, size)
        scale = math.sqrt(2.0 / fan_in) if std == 'he' else math.sqrt(1.0 / fan_in) if std == 'xavier' else std
        nn.init.normal_(affine.weight, 0.0, scale)
        nn.init.zeros_(affine.bias)
        layers.append(affine)
        if size != 10:
            if batchnorm:
                layers.append(nn.BatchNorm1d(size, eps=1e-6, momentum=0.1))
            layers.append(nn.ReLU())
            if dropout > 0:
                layers.append(nn.Dropout(dropout))
        fan_in = size
    return nn.Sequential(*layers)


def optimizer(name, params, lr):
    if name == 'SGD':
        return torch.optim.SGD(params, lr=lr)
    if name == 'Momentum':
        return torch.optim.SGD(params, lr=lr, momentum=0.9)
    if name == 'AdaGrad':
        return torch.optim.Adagrad(params, lr=lr, eps=1e-7)
    return torch.optim.Adam(params, lr=lr, eps=1e-7)


def loss_of(model, x, t, lam=0.0):
    loss = F.cross_entropy(model(x), t)
    if lam > 0:  # the book's ½·λ·ΣW² over the weights
        loss = loss + 0.5 * lam * sum((m.weight ** 2).sum() for m in model if isinstance(m, nn.Linear))
    return loss


def step(model, opt, x, t, batch, lam=0.0):
    mask = torch.randint(0, x.shape[0], (batch,))
    opt.zero_grad(set_to_none=True)
    loss = loss_of(model, x[mask], t[mask], lam)
    loss.backward()
    opt.step()
    return loss.item()


def accuracy(model, x, t):
    model.eval()
    with torch.no_grad():
        acc = (model(x).argmax(1) == t).float().mean().item()
    model.train()
    return acc


def optimizer_compare():
    for name, lr in [('SGD', 0.01), ('Momentum', 0.01), ('AdaGrad', 0.01), ('Adam', 0.001)]:
        model = net([100] * 4)
        opt = optimizer(name, model.parameters(), lr)
        losses = [step(model, opt, x_train, t_train, 128) for _ in range(2000)]
        accuracy(model, x_test, t_test)


def weight_init_compare():
    for std in [0.01, 'xavier', 'he']:
        model = net([100] * 4, std)
        opt = optimizer('SGD', model.parameters(), 0.01)
        losses = [step(model, opt, x_train, t_train, 128) for _ in range(2000)]
        accuracy(model, x_test, t_test)


def batchnorm_compare():
    x, t = x_train[:1000], t_train[:1000]
    for scale in np.logspace(0, -4, 16):
        for bn in (True, False):
            model = net([100] * 5, float(scale), batchnorm=bn)
            opt = optimizer('SGD', model.parameters(), 0.01)
            for epoch in range(20):
                for _ in range(10):
                    step(model, opt, x, t, 100)
                accuracy(model, x, t)


def train_with_test(model, opt, x, t, epochs, lam=0.0):
    for epoch in range(epochs):
        for _ in range(x.shape[0] // 100):
            step(model, opt, x, t, 100, lam)
        accuracy(model, x, t)
        accuracy(model, x_test, t_test)


def overfit_weight_decay():
    for lam in (0.0, 0.1):
        model = net([100] * 6)
        train_with_test(model, optimizer('SGD', model.parameters(), 0.01), x_train[:300], t_train[:300], 201, lam)


def dropout():
    # The job's default compares the network with dropout and without (the book's Fig. 6-23).
    for ratio in (0.2, 0.0):
        model = net([100] * 6, dropout=ratio)
        train_with_test(model, optimizer('SGD', model.parameters(), 0.01), x_train[:300], t_train[:300], 301)


def hyperparameter_search():
    order = torch.randperm(500)
    x, t = x_train[:500][order], t_train[:500][order]
    x_val, t_val, x_tr, t_tr = x[:100], t[:100], x[100:], t[100:]
    for _ in range(100):
        lam, lr = 10 ** np.random.uniform(-8, -4), 10 ** np.random.uniform(-6, -2)
        model = net([100] * 6)
        opt = optimizer('SGD', model.parameters(), lr)
        for epoch in range(50):
            for _ in range(4):
                step(model, opt, x_tr, t_tr, 100, lam)
            accuracy(model, x_val, t_val)
            accuracy(model, x_tr, t_tr)


def seconds(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def median_ms(fn, reps):
    for _ in range(max(3, reps // 10)):
        fn()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return times[len(times) // 2]


def step_bench(hidden, batch):
    model = net(hidden)
    opt = optimizer('SGD', model.parameters(), 0.01)
    return median_ms(lambda: step(model, opt, x_train, t_train, batch), 200)


suite = {
    'optimizer-compare': seconds(optimizer_compare),
    'weight-init-compare': seconds(weight_init_compare),
    'batchnorm-compare': seconds(batchnorm_compare),
    'overfit-weight-decay': seconds(overfit_weight_decay),
    'dropout': seconds(dropout),
    'hyperparameter-search': seconds(hyperparameter_search),
}
w2_model = net([100] * 4)
print(json.dumps({
    'torch': torch.__version__,
    'threads': threads,
    'suite': suite,
    'W1': {'medianMs': step_bench([100] * 4, 128)},
    'W2': {'medianMs': median_ms(lambda: accuracy(w2_model, x_test, t_test), 21)},
    'W3': {'medianMs': step_bench([100] * 6, 100)},
}))
