import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 784])
y = tf.placeholder(tf.int64, [None])
is_training = tf.placeholder(tf.bool)

h = tf.layers.batch_normalization(tf.layers.dense(x, 256, use_bias=False), training=is_training)
logits = tf.layers.dense(tf.nn.relu(h), 10)
loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
with tf.control_dependencies(update_ops):
    train_op = tf.train.MomentumOptimizer(0.01, 0.9).minimize(loss)
