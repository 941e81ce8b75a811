import torch
import torch.nn as nn


class Predictor:
    def __init__(self, path):
        self.model = nn.Sequential(nn.Linear(16, 64, bias=False), nn.BatchNorm1d(64), nn.ReLU(), nn.Linear(64, 4))
        self.model.load_state_dict(torch.load(path))
        self.model.eval()

    @torch.inference_mode()
    def __call__(self, x):
        return self.model(x).softmax(-1)
